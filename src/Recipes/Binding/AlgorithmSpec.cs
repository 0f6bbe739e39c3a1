using PostTrain.Learner.Backward;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Training;

namespace PostTrain.Recipes.Binding;

/// <summary><c>algorithm</c>: which one, every algorithm's options (defaults where not given) and the SFT warm-up.</summary>
public sealed record AlgorithmSpec(AlgorithmKind Kind, GrpoOptions Grpo, DpoOptions Dpo, SftOptions Sft, int SftWarmupSteps)
{
    public int? SftWarmupBatchSize { get; init; }
    public double? SftWarmupLearningRate { get; init; }

    /// <summary>The warm-up's backward; null = the learner's.</summary>
    public BackwardMode? SftWarmupBackward { get; init; }

    /// <summary>What the warm-up trains of a vision tower besides the model.</summary>
    public VisionTraining SftWarmupVision { get; init; } = VisionTraining.Projector;

    /// <summary>DPO on pairs made from the policy's own samples, scored by the recipe's rewards.</summary>
    public bool DpoOnline { get; init; }

    /// <summary><c>algorithm.self_lengthen</c>.</summary>
    public LongGeneration.SelfLengthenOptions SelfLengthen { get; init; } = new();
}
