namespace PostTrain.Actors.Segments;

/// <summary>One decoded segment of a sample: which step, which policy version, how many tokens.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentRecord
{
    [Id(0)] public required long Step { get; init; }
    [Id(1)] public required long PolicyVersion { get; init; }
    [Id(2)] public required int Tokens { get; init; }
}
