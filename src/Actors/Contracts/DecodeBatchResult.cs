namespace PostTrain.Actors.Contracts;

/// <summary>A worker's outcomes for a batch of segments, with how busy its decode slots were.</summary>
[GenerateSerializer, Immutable]
public sealed record DecodeBatchResult
{
    [Id(0)] public required SegmentOutcome[] Outcomes { get; init; }
    [Id(1)] public required long PolicyVersion { get; init; }

    /// <summary>Decode steps times slots, and the slot-steps that produced a token: 1 - busy / total is idle time.</summary>
    [Id(2)] public long SlotSteps { get; init; }
    [Id(3)] public long BusySlotSteps { get; init; }
    [Id(4)] public double DecodeSeconds { get; init; }
    [Id(5)] public string Silo { get; init; } = "";
    [Id(6)] public double PrefillSeconds { get; init; }

    /// <summary>Wall time of the engine's whole call: decode steps, prefills and the slot bookkeeping between them.</summary>
    [Id(7)] public double GenerateSeconds { get; init; }
}
