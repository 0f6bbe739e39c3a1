using PostTrain.Core.Rewards;

namespace PostTrain.Rewards;

/// <summary>How several rewards of one sample become what the learner uses.</summary>
public static class RewardComposition
{
    /// <summary>sum_k w_k r_k per sample; a sample with any failed reward stays failed (its errors joined).</summary>
    public static RewardOutput WeightedSum(IReadOnlyList<(string Name, double Weight, RewardOutput Output)> parts)
    {
        var failed = parts.Where(p => p.Output.Failed).ToList();
        if (failed.Count > 0) return RewardOutput.Failure(string.Join("; ", failed.Select(p => $"{p.Name}: {p.Output.Error}")));
        return new RewardOutput(parts.Sum(p => p.Weight * p.Output.Score))
        {
            SubScores = parts.ToDictionary(p => p.Name, p => p.Output.Score),
        };
    }

    /// <summary>
    /// LongWriter-Zero: each reward normalised within its group of <paramref name="groupSize"/>, then the advantages
    /// averaged over rewards (rather than summing raw rewards of different scales). Rows are rewards, columns samples.
    /// </summary>
    public static double[] AveragedGroupAdvantages(IReadOnlyList<IReadOnlyList<double>> scoresByReward, int groupSize) =>
        GroupAdvantages.AverageOverRewards(scoresByReward, groupSize);
}
