namespace PostTrain.Recipes.Metrics;

/// <summary>
/// One plot <see cref="MetricsPlotter"/> can draw: a line per metric in <paramref name="Lines"/> against the step,
/// and, when <paramref name="Band"/> names a standard-deviation metric, a band of ± that around the first line.
/// </summary>
internal sealed record MetricChart(string Name, string Title, string YLabel, IReadOnlyList<string> Lines, string? Band = null)
{
    /// <summary>The charts of a run's main phase, in the order they are written.</summary>
    public static readonly IReadOnlyList<MetricChart> Main =
    [
        new("reward", "Reward", "reward", ["reward_mean"], Band: "reward_std"),
        new("length", "Response length", "tokens", ["response_length_mean", "response_length_max"]),
        new("entropy", "Entropy", "entropy", ["entropy"]),
        new("loss", "Loss", "loss", ["loss"]),
    ];

    /// <summary>Held-out evaluations (phase <c>eval</c>), in points.</summary>
    public static readonly MetricChart Heldout = new("heldout", "Held-out accuracy", "points", ["avg_at_k", "pass_at_k"]);

    /// <summary>The SFT warm-up before the main phase, plotted on its own.</summary>
    public static readonly MetricChart WarmupLoss = new("warmup_loss", "Warm-up loss", "loss", ["loss"]);
}
