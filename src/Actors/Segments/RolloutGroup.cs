using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>The G samples of one prompt; the group leaves the buffer for training when all have finished and been scored.</summary>
[GenerateSerializer]
public sealed class RolloutGroup
{
    [Id(0)] public required RolloutPrompt Prompt { get; init; }
    [Id(1)] public required long StartedAtStep { get; init; }
    [Id(2)] public List<string> SampleIds { get; init; } = [];
}
