using PostTrain.Core.Generation;

namespace PostTrain.Actors.Contracts;

/// <summary>How a rollout samples, as it crosses grain boundaries; lengths and seeds are per sample.</summary>
[GenerateSerializer, Immutable]
public sealed record SamplingSpec
{
    [Id(0)] public double Temperature { get; init; } = 1.0;
    [Id(1)] public double TopP { get; init; } = 1.0;
    [Id(2)] public int TopK { get; init; }
    [Id(3)] public double RepetitionPenalty { get; init; } = 1.0;
    [Id(4)] public int[] StopTokenIds { get; init; } = [];
    [Id(5)] public string[] StopStrings { get; init; } = [];

    public SamplingParameters ToParameters(int maxNewTokens, long seed) => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        RepetitionPenalty = RepetitionPenalty,
        StopTokenIds = StopTokenIds,
        StopStrings = StopStrings,
        MaxNewTokens = maxNewTokens,
        Seed = seed,
    };
}
