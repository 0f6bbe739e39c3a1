namespace PostTrain.Actors.Contracts;

/// <summary>A sample's score, sub-scores by reward, or the error that kept it from being scored.</summary>
[GenerateSerializer, Immutable]
public sealed record RewardRecord
{
    [Id(0)] public required string SampleId { get; init; }
    [Id(1)] public double Score { get; init; }
    [Id(2)] public Dictionary<string, double> SubScores { get; init; } = [];
    [Id(3)] public string? Error { get; init; }

    public bool Failed => Error is not null;
}
