namespace PostTrain.Actors.Contracts;

/// <summary>
/// How one training job rolls out (TECHNIQUES section 2). Defaults follow UloRL where it states them (POIS, truncated
/// samples scored 0) and verl's GRPO otherwise (dynamic sampling off).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RolloutSettings
{
    /// <summary>Samples per prompt (G); a group enters training only when all G have finished.</summary>
    [Id(0)] public int GroupSize { get; init; } = 8;

    /// <summary>L_max: a sample that reaches it without ending is finished, truncated.</summary>
    [Id(1)] public int MaxResponseLength { get; init; } = 1024;

    /// <summary>S: each rollout step decodes at most L_max / S (rounded up) new tokens per sample; 1 is ordinary rollout.</summary>
    [Id(2)] public int Segments { get; init; } = 1;

    /// <summary>Samples decoded per step: unfinished ones first, then as many new groups as fit.</summary>
    [Id(3)] public int ActiveSamples { get; init; } = 64;

    [Id(4)] public SamplingSpec Sampling { get; init; } = new();

    /// <summary>Base of every sample's seed; a sample's tokens depend only on it, its prompt and its member index.</summary>
    [Id(5)] public long Seed { get; init; }

    [Id(6)] public TruncationPolicy Truncation { get; init; } = TruncationPolicy.ZeroReward;

    /// <summary>DAPO's dynamic sampling: groups whose rewards are all equal carry no signal and are dropped.</summary>
    [Id(7)] public bool DropZeroVarianceGroups { get; init; }

    /// <summary>What a sample whose reward failed becomes; never a silent zero.</summary>
    [Id(8)] public RewardFailurePolicy RewardFailure { get; init; } = RewardFailurePolicy.DropGroup;

    /// <summary>The score a failed sample gets under <see cref="RewardFailurePolicy.FallbackScore"/>.</summary>
    [Id(9)] public double FallbackScore { get; init; }

    /// <summary>Rewards by registered name, combined by weighted sum (sub-scores keep each one).</summary>
    [Id(10)] public Dictionary<string, double> Rewards { get; init; } = [];

    /// <summary>Workers each decoding a share of a step's segments.</summary>
    [Id(11)] public int Workers { get; init; } = 1;

    /// <summary>Decode slots of each worker's engine; null means the active samples split over the workers.</summary>
    [Id(12)] public int? WorkerBatchSize { get; init; }

    /// <summary>MR-SP: video embeddings come from the cache (encoded once per prompt); false re-encodes at every use.</summary>
    [Id(13)] public bool VideoCache { get; init; } = true;

    /// <summary>
    /// With segments, new samples held ready each step to start in decode slots that free up mid-step (a sample that
    /// finished early): each decodes what is left of the step's segment and carries over like any unfinished sample,
    /// so slots do not idle while prompts wait. Whole groups; 0 (the default) turns refill off; active_samples keeps a
    /// step's slots busy on heavy-tailed lengths. Ignored with one segment, where nothing may carry over.
    /// </summary>
    [Id(14)] public int RefillSamples { get; init; }

    public int SegmentLength => (MaxResponseLength + Segments - 1) / Segments;

    /// <summary>Samples on standby per step (see <see cref="RefillSamples"/>); 0 when there is nothing to refill.</summary>
    public int StandbySamples => Segments > 1 ? RefillSamples : 0;

    public static void Validate(RolloutSettings s)
    {
        Require(s.GroupSize >= 1, "group_size", $"at least 1, got {s.GroupSize}");
        Require(s.MaxResponseLength >= 1, "max_response_length", $"at least 1, got {s.MaxResponseLength}");
        Require(s.Segments >= 1 && s.Segments <= s.MaxResponseLength, "segments",
            $"between 1 and max_response_length ({s.MaxResponseLength}), got {s.Segments}");
        Require(s.ActiveSamples >= s.GroupSize, "active_samples", $"at least group_size ({s.GroupSize}), got {s.ActiveSamples}");
        Require(s.Workers >= 1, "workers", $"at least 1, got {s.Workers}");
        Require(s.WorkerBatchSize is null or >= 1, "worker_batch_size", $"at least 1, got {s.WorkerBatchSize}");
        Require(s.RefillSamples >= 0, "refill_samples", $"at least 0, got {s.RefillSamples}");
        Require(double.IsFinite(s.FallbackScore), "fallback_score", $"a finite number, got {s.FallbackScore}");
        foreach (var (name, weight) in s.Rewards)
            Require(double.IsFinite(weight), $"rewards.{name}", $"a finite weight, got {weight}");
    }

    static void Require(bool condition, string key, string expected)
    {
        if (!condition) throw new ArgumentException($"rollout.{key} must be {expected}");
    }
}

/// <summary>What happens to a sample that reached max_response_length without ending.</summary>
public enum TruncationPolicy
{
    /// <summary>Its reward is 0 whatever the reward functions say (UloRL).</summary>
    ZeroReward,

    /// <summary>It counts in its group's statistics with its own reward but is not trained on (DAPO's overlong filter).</summary>
    Mask,

    /// <summary>It is scored and trained like any other sample (verl's and TRL's default).</summary>
    Keep,
}

public enum RewardFailurePolicy
{
    /// <summary>The whole group is dropped (its advantages would be wrong without the failed member).</summary>
    DropGroup,

    /// <summary>The sample gets <see cref="RolloutSettings.FallbackScore"/>, and the failure is still counted.</summary>
    FallbackScore,
}
