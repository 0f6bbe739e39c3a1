namespace PostTrain.Learner.Objectives;

/// <summary>
/// The GRPO family's loss settings (TECHNIQUES section 1 and 2). Defaults follow DAPO and UloRL, which PostTrain's
/// long-generation recipes use: token-mean aggregation, no KL, no entropy bonus, POIS old log-probs.
/// </summary>
public sealed record GrpoOptions
{
    /// <summary>Lower clip: ratios below 1 - eps_low stop pushing down (PPO's 0.2).</summary>
    public double ClipEpsilonLow { get; init; } = 0.2;

    /// <summary>Upper clip; DAPO's clip-higher raises it to 0.28 so low-probability tokens can grow.</summary>
    public double ClipEpsilonHigh { get; init; } = 0.2;

    /// <summary>Dual clip c (3.0 in the dual-clip PPO paper): bounds the loss of negative advantages; null = off.</summary>
    public double? DualClip { get; init; }

    /// <summary>KL coefficient; 0 (DAPO, UloRL, LongWriter-Zero) loads no reference model at all.</summary>
    public double Beta { get; init; }

    public KlEstimator KlEstimator { get; init; } = KlEstimator.K3;

    /// <summary>Entropy bonus coefficient (0 = off).</summary>
    public double EntropyCoefficient { get; init; }

    public LossAggregation Aggregation { get; init; } = LossAggregation.TokenMean;

    /// <summary>Dr.GRPO's constant normaliser; null uses the batch's longest completion.</summary>
    public int? MaxCompletionLength { get; init; }

    /// <summary>Divide group advantages by the group's standard deviation (off = Dr.GRPO's scale_rewards: none).</summary>
    public bool ScaleRewards { get; init; } = true;

    public ImportanceSampling ImportanceSampling { get; init; } = ImportanceSampling.Pois;

    /// <summary>UloRL's dynamic masking of well-mastered positive tokens; null = off.</summary>
    public DmmptOptions? Dmmpt { get; init; }

    /// <summary>Sampling temperature of the rollouts; log-probs are taken at the same temperature.</summary>
    public double Temperature { get; init; } = 1.0;

    public static void Validate(GrpoOptions o)
    {
        var errors = new List<string>();
        if (!(o.ClipEpsilonLow is >= 0 and < 1)) errors.Add($"clip_epsilon_low must be in [0, 1), got {o.ClipEpsilonLow}");
        if (!(o.ClipEpsilonHigh >= 0)) errors.Add($"clip_epsilon_high must be >= 0, got {o.ClipEpsilonHigh}");
        if (o.DualClip is { } c && !(c > 1)) errors.Add($"dual_clip must be > 1, got {c}");
        if (!(o.Beta >= 0)) errors.Add($"beta must be >= 0, got {o.Beta}");
        if (!(o.EntropyCoefficient >= 0)) errors.Add($"entropy_coefficient must be >= 0, got {o.EntropyCoefficient}");
        if (o.MaxCompletionLength is <= 0) errors.Add($"max_completion_length must be positive, got {o.MaxCompletionLength}");
        if (!(o.Temperature > 0)) errors.Add($"temperature must be > 0, got {o.Temperature}");
        if (o.Dmmpt is { } d && !(d.Tau is > 0 and <= 1 && d.Sigma > 0))
            errors.Add($"dmmpt needs tau in (0, 1] and sigma > 0, got tau {d.Tau}, sigma {d.Sigma}");
        if (errors.Count > 0) throw new ArgumentException("invalid GRPO options: " + string.Join("; ", errors));
    }
}

/// <summary>Which policy's log-probs are "old" when a sample's segments came from several policy versions (UloRL).</summary>
public enum ImportanceSampling
{
    /// <summary>Pseudo on-policy: the newest generating version for all tokens; with one update per step, ratio 1.</summary>
    Pois,

    /// <summary>Segment-aware: each token's log-prob under the version that generated its segment.</summary>
    Sais,
}

/// <summary>UloRL's DMMPT: tau = 0.99, sigma = 0.2 as in the paper.</summary>
public sealed record DmmptOptions
{
    public double Tau { get; init; } = 0.99;
    public double Sigma { get; init; } = 0.2;

    /// <summary>Mean entropy of each response (the default) or of the whole batch.</summary>
    public bool BatchEntropy { get; init; }

    /// <summary>A sample is positive when its reward reaches this (the paper's rewards are 0 or 1).</summary>
    public double PositiveReward { get; init; } = 1.0;
}
