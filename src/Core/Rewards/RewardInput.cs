namespace PostTrain.Core.Rewards;

/// <summary>One finished sample to score: what was asked, what the model wrote, and what the answer should be.</summary>
public sealed record RewardInput(string Prompt, string Completion)
{
    public IReadOnlyList<int> CompletionIds { get; init; } = [];
    public string? GroundTruth { get; init; }

    /// <summary>Free per-sample data, e.g. a LongWriter-Zero target range (<c>length_min</c>, <c>length_max</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
