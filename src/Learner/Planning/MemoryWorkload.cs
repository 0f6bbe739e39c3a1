using PostTrain.Learner.Backward;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Learner.Planning;

public enum ObjectiveKind
{
    Sft,
    Grpo,
    Dpo,
}

/// <summary>One training step's shape: the model, how many sequences of what length, the objective and backward.</summary>
/// <param name="Sequences">Rows per step: 1 for SFT, G for a GRPO group, 2 for a DPO pair (per pair).</param>
/// <param name="TrainableParameters">Null = all (full fine-tuning); LoRA trains far fewer.</param>
/// <param name="WithOptimizer">Count AdamW's two float32 moments per trainable parameter.</param>
/// <param name="ReferenceModel">DPO (and GRPO with beta > 0) keep a second copy of the weights.</param>
public sealed record MemoryWorkload(
    DecoderConfig Config,
    ObjectiveKind Objective,
    int Sequences,
    int Length,
    BackwardOptions Backward,
    int WeightBytes = 4,
    long? TrainableParameters = null,
    bool WithOptimizer = true,
    bool ReferenceModel = false);
