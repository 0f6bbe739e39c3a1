namespace PostTrain.Actors.Contracts;

/// <summary>A finished sample to score, already decoded to text by the controller.</summary>
[GenerateSerializer, Immutable]
public sealed record RewardRequest
{
    [Id(0)] public required string SampleId { get; init; }
    [Id(1)] public required string Prompt { get; init; }
    [Id(2)] public required string Completion { get; init; }
    [Id(3)] public int[] CompletionIds { get; init; } = [];
    [Id(4)] public string? GroundTruth { get; init; }
    [Id(5)] public Dictionary<string, string> Metadata { get; init; } = [];
}
