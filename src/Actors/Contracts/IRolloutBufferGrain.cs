namespace PostTrain.Actors.Contracts;

/// <summary>
/// One per training job (keyed by job id): waiting prompts, unfinished samples with their prefixes and per-segment
/// versions, and finished samples waiting for their group. Every change is persisted before the call returns.
/// </summary>
public interface IRolloutBufferGrain : IGrainWithStringKey
{
    Task ConfigureAsync(RolloutSettings settings);

    Task AddPromptsAsync(RolloutPrompt[] prompts);

    /// <summary>Segments to decode in <paramref name="step"/>; calling again for the same step returns those still out.</summary>
    Task<SegmentTask[]> BeginStepAsync(long step);

    /// <summary>Applies decoded segments (each at most once); returns how many were new.</summary>
    Task<int> CompleteSegmentsAsync(long step, SegmentOutcome[] outcomes);

    /// <summary>Finished samples that still need a reward, with their prompt.</summary>
    Task<RewardRequest[]> UnscoredAsync();

    Task RecordRewardsAsync(RewardRecord[] rewards);

    /// <summary>Closes the step: counts carried-over samples and hands out complete groups.</summary>
    Task<StepReport> CompleteStepAsync(long step);

    Task<BufferSnapshot> SnapshotAsync();

    /// <summary>The whole state, for a training checkpoint.</summary>
    Task<Segments.RolloutBufferState> ExportAsync();

    /// <summary>Replaces the whole state with one a checkpoint saved (a resumed run continues from exactly there).</summary>
    Task ImportAsync(Segments.RolloutBufferState state);
}
