namespace PostTrain.Rewards.Isolation;

/// <summary>How long a reward may take and how many failures in a row stop a run.</summary>
public sealed record RewardLimits
{
    /// <summary>Wall-clock limit for scoring one sample; a verifier rarely needs more than a few seconds.</summary>
    public TimeSpan PerSample { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed samples after which the run stops, naming the reward (0 = never).</summary>
    public int MaxConsecutiveFailures { get; init; } = 50;

    public static void Validate(RewardLimits limits)
    {
        if (limits.PerSample <= TimeSpan.Zero) throw new ArgumentException($"the per-sample limit must be positive, got {limits.PerSample}");
        if (limits.MaxConsecutiveFailures < 0) throw new ArgumentException($"max consecutive failures must be >= 0, got {limits.MaxConsecutiveFailures}");
    }
}

/// <summary>A reward failed too many times in a row: the run stops instead of training on missing scores.</summary>
public sealed class RewardFailureException(string message) : Exception(message);
