using PostTrain.Learner.Objectives;
using PostTrain.Learner.Training;

namespace PostTrain.Recipes.Binding;

/// <summary><c>algorithm</c>: which one, every algorithm's options (defaults where not given) and the SFT warm-up.</summary>
public sealed record AlgorithmSpec(AlgorithmKind Kind, GrpoOptions Grpo, DpoOptions Dpo, SftOptions Sft, int SftWarmupSteps);
