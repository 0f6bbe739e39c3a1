using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Controller;

/// <summary>A rollout step as the pipeline sees it: the buffer's report plus what the step cost.</summary>
public sealed record RolloutStepResult(StepReport Report, TimeSpan Elapsed)
{
    /// <summary>Segments sent again to another worker because the first one was lost mid-step.</summary>
    public int SegmentsRetried { get; init; }

    /// <summary>Slot-steps the workers' engines ran, and those that produced a token.</summary>
    public long SlotSteps { get; init; }
    public long BusySlotSteps { get; init; }

    /// <summary>Fraction of decode slot-steps that produced nothing (a slot idle while others still decode).</summary>
    public double IdleSlotFraction => SlotSteps == 0 ? 0 : 1.0 - (double)BusySlotSteps / SlotSteps;

    public IReadOnlyList<long> PolicyVersions { get; init; } = [];

    /// <summary>Engine time summed over workers: decode steps, and prompt-plus-prefix prefills of each segment.</summary>
    public double DecodeSeconds { get; init; }
    public double PrefillSeconds { get; init; }

    /// <summary>Wall time of the workers' engine calls, summed: decode, prefill and the slot bookkeeping between them.</summary>
    public double GenerateSeconds { get; init; }

    /// <summary>Time spent scoring the step's finished samples (decoding their text, the reward grains).</summary>
    public double ScoreSeconds { get; init; }
}
