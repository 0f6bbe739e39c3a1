namespace PostTrain.Recipes.Runs;

/// <summary>How many updates in a row each streak guard has seen past its threshold (kept in checkpoints).</summary>
public sealed record GuardCounters(int TruncationStreak, int ZeroVarianceStreak);
