using PostTrain.Learner.Backward;
using PostTrain.Learner.Optimization;

namespace PostTrain.Learner.Training;

/// <summary>Settings every trainer shares: optimiser, schedule, clipping, accumulation, backward mode, checkpoints.</summary>
public sealed record TrainingOptions
{
    public AdamWOptions Optimizer { get; init; } = new();
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Fraction of the updates spent warming up linearly from 0.</summary>
    public double WarmupRatio { get; init; }

    public int TotalSteps { get; init; } = 1;

    /// <summary>Global gradient-norm clip; 1.0 as in Hugging Face Trainer, TRL and verl. Null disables it.</summary>
    public double? MaxGradNorm { get; init; } = 1.0;

    /// <summary>Micro-batches per update; each contributes 1/k of the update's loss.</summary>
    public int GradientAccumulation { get; init; } = 1;

    public BackwardOptions Backward { get; init; } = new();

    /// <summary>Where checkpoints go; null = none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Save a checkpoint every this many updates (and after the last); 0 = only at the end.</summary>
    public int SaveEvery { get; init; }

    public long Seed { get; init; }

    /// <summary>Refuse any step whose predicted peak memory exceeds this many bytes (see MemoryPlanner); null = no check.</summary>
    public long? MemoryBudgetBytes { get; init; }

    public static void Validate(TrainingOptions o)
    {
        AdamWOptions.Validate(o.Optimizer);
        BackwardOptions.Validate(o.Backward);
        if (o.TotalSteps <= 0) throw new ArgumentException($"total_steps must be positive, got {o.TotalSteps}");
        if (!(o.WarmupRatio is >= 0 and < 1)) throw new ArgumentException($"warmup_ratio must be in [0, 1), got {o.WarmupRatio}");
        if (o.MaxGradNorm is <= 0) throw new ArgumentException($"max_grad_norm must be positive, got {o.MaxGradNorm}");
        if (o.GradientAccumulation <= 0) throw new ArgumentException($"gradient_accumulation must be positive, got {o.GradientAccumulation}");
        if (o.SaveEvery < 0) throw new ArgumentException($"save_every must be >= 0, got {o.SaveEvery}");
        if (o.MemoryBudgetBytes is <= 0) throw new ArgumentException($"memory budget must be positive, got {o.MemoryBudgetBytes}");
    }
}
