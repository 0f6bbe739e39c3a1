namespace PostTrain.Actors.Contracts;

/// <summary>
/// A prompt waiting for rollout; it enters as a whole group of G samples. <see cref="ForcedLengths"/>, when given,
/// ends member i after that many tokens as an end-of-sequence would (benchmarks use it to impose a length
/// distribution on a model that has none).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RolloutPrompt
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required int[] PromptIds { get; init; }
    [Id(2)] public string PromptText { get; init; } = "";
    [Id(3)] public string? GroundTruth { get; init; }
    [Id(4)] public Dictionary<string, string> Metadata { get; init; } = [];
    [Id(5)] public int[]? ForcedLengths { get; init; }

    /// <summary>The video the prompt shows, when it shows one (its frame tokens are placeholders in <see cref="PromptIds"/>).</summary>
    [Id(6)] public VideoInput? Video { get; init; }
}
