namespace PostTrain.Recipes.Binding;

/// <summary>How several rewards combine: <c>rewards_composition</c>.</summary>
public enum RewardCompositionKind
{
    /// <summary>sum_k w_k r_k per sample.</summary>
    WeightedSum,

    /// <summary>LongWriter-Zero: advantages per reward, then averaged.</summary>
    AveragedAdvantages,
}
