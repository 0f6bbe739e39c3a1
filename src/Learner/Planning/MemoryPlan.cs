namespace PostTrain.Learner.Planning;

/// <summary>A predicted peak and where it comes from, in bytes, with the verdict against a budget.</summary>
public sealed record MemoryPlan(
    long RuntimeBytes,
    long WeightBytes,
    long GradientBytes,
    long OptimizerBytes,
    long ActivationBytes,
    long? BudgetBytes)
{
    public long PeakBytes => RuntimeBytes + WeightBytes + GradientBytes + OptimizerBytes + ActivationBytes;

    public bool Fits => BudgetBytes is null || PeakBytes <= BudgetBytes;

    /// <summary>One sentence a user reads before the run starts.</summary>
    public string Describe() =>
        $"predicted peak {Gib(PeakBytes)} (weights {Gib(WeightBytes)}, gradients {Gib(GradientBytes)}, optimizer {Gib(OptimizerBytes)}, "
        + $"activations {Gib(ActivationBytes)}, runtime {Gib(RuntimeBytes)})"
        + (BudgetBytes is { } budget ? Fits ? $": fits the budget of {Gib(budget)}" : $": does NOT fit the budget of {Gib(budget)}" : "");

    static string Gib(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB";
}
