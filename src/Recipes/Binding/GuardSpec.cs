namespace PostTrain.Recipes.Binding;

/// <summary><c>guards</c>: the thresholds past which a run stops with a message instead of training on.</summary>
public sealed record GuardSpec(double MaxTruncationRatio, int TruncationSteps, double MaxZeroVarianceRatio, int ZeroVarianceSteps,
    double MaxRewardFailureRatio);
