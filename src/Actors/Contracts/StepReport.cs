namespace PostTrain.Actors.Contracts;

/// <summary>One rollout step's accounting and the groups it made ready for training.</summary>
[GenerateSerializer, Immutable]
public sealed record StepReport
{
    [Id(0)] public required long Step { get; init; }
    [Id(1)] public required TrainingGroup[] Groups { get; init; }
    [Id(2)] public long Started { get; init; }
    [Id(3)] public long Finished { get; init; }
    [Id(4)] public long CarriedOver { get; init; }
    [Id(5)] public long Truncated { get; init; }
    [Id(6)] public Dictionary<string, long> Dropped { get; init; } = [];
    [Id(7)] public long SegmentsRedone { get; init; }
    [Id(8)] public long RewardFailures { get; init; }

    /// <summary>Of <see cref="Started"/>, those that started mid-step, in decode slots freed by samples that finished early.</summary>
    [Id(9)] public long StartedMidStep { get; init; }

    public long DroppedTotal => Dropped.Values.Sum();
}
