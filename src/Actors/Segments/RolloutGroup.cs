using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>The G samples of one prompt; the group leaves the buffer for training when all have finished and been scored.</summary>
[GenerateSerializer]
public sealed class RolloutGroup
{
    [Id(0)] public required RolloutPrompt Prompt { get; init; }
    [Id(1)] public required long StartedAtStep { get; init; }
    [Id(2)] public List<string> SampleIds { get; init; } = [];

    /// <summary>
    /// Admission order. Everything the ledger hands out is ordered by it, never by dictionary order, which a
    /// serialisation round trip (a checkpoint, a reactivated grain) does not keep.
    /// </summary>
    [Id(3)] public long Sequence { get; init; }
}
