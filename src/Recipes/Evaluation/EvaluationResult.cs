namespace PostTrain.Recipes.Evaluation;

/// <summary>
/// An evaluation's figures. Accuracies are in points (0-100): <see cref="AvgAtK"/> is the mean over prompts of the
/// fraction of a prompt's k samples that are correct; <see cref="PassAtK"/> the share of prompts with at least one.
/// </summary>
public sealed record EvaluationResult(
    int Prompts,
    int SamplesPerPrompt,
    double AvgAtK,
    double PassAtK,
    double RewardMean,
    double ResponseLengthMean,
    double TruncationRatio,
    long RewardFailures)
{
    /// <summary>Per-reward means and the in-range fraction (<see cref="RewardFigures"/>) of the scored answers.</summary>
    public IReadOnlyDictionary<string, double> RewardBreakdown { get; init; } = new Dictionary<string, double>();

    /// <summary>The figures of an <c>eval</c> row in <c>metrics.jsonl</c>.</summary>
    public Dictionary<string, double> Metrics()
    {
        var row = new Dictionary<string, double>
        {
            ["avg_at_k"] = AvgAtK, ["pass_at_k"] = PassAtK, ["reward_mean"] = RewardMean,
            ["response_length_mean"] = ResponseLengthMean, ["truncation_ratio"] = TruncationRatio,
        };
        foreach (var (name, value) in RewardBreakdown) row[name] = value;
        return row;
    }
}
