namespace PostTrain.Recipes.Binding;

/// <summary>Where a reward runs: <c>rewards[].isolation</c>.</summary>
public enum RewardIsolation
{
    /// <summary>In the posttrain process, under the per-sample time limit.</summary>
    InProcess,

    /// <summary>In a child process, killed past its time or memory limit.</summary>
    Child,
}
