namespace PostTrain.Actors.Contracts;

/// <summary>What a rollout buffer holds, and the run's sample accounting so far.</summary>
[GenerateSerializer, Immutable]
public sealed record BufferSnapshot
{
    [Id(0)] public required int WaitingPrompts { get; init; }
    [Id(1)] public required int UnfinishedSamples { get; init; }
    [Id(2)] public required int FinishedSamples { get; init; }
    [Id(3)] public required long Started { get; init; }
    [Id(4)] public required long Finished { get; init; }
    [Id(5)] public required long CarriedOver { get; init; }
    [Id(6)] public required long Truncated { get; init; }
    [Id(7)] public required long Trained { get; init; }
    [Id(8)] public required Dictionary<string, long> Dropped { get; init; }
    [Id(9)] public required long SegmentsRedone { get; init; }
    [Id(10)] public required long LastStep { get; init; }

    /// <summary>Of <see cref="Started"/>, the samples that started mid-step in freed decode slots (refill_samples).</summary>
    [Id(11)] public long StartedMidStep { get; init; }

    /// <summary>Samples unaccounted for: started, but neither trained, dropped nor in the buffer. Always 0 unless a bug.</summary>
    public long Lost => Started - Trained - Dropped.Values.Sum() - UnfinishedSamples - FinishedSamples;
}
