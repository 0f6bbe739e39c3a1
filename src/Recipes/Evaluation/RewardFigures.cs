namespace PostTrain.Recipes.Evaluation;

/// <summary>
/// Per-reward figures of a set of scored samples: the mean of each reward's own score (<c>reward_NAME</c>), and, with
/// the length reward, the share of samples inside their target range (<c>in_range_fraction</c>; the length reward is 1
/// exactly there).
/// </summary>
public static class RewardFigures
{
    public const string InRange = "in_range_fraction";

    public static Dictionary<string, double> Of(IReadOnlyList<IReadOnlyDictionary<string, double>> subScores)
    {
        var figures = new Dictionary<string, double>();
        if (subScores.Count == 0) return figures;
        foreach (var name in subScores.SelectMany(s => s.Keys).Distinct().Order(StringComparer.Ordinal))
            figures[$"reward_{name}"] = subScores.Average(s => s.GetValueOrDefault(name));
        if (subScores.Any(s => s.ContainsKey(LengthRewardName)))
            figures[InRange] = subScores.Count(s => s.GetValueOrDefault(LengthRewardName) >= 1) / (double)subScores.Count;
        return figures;
    }

    const string LengthRewardName = "length";
}
