namespace PostTrain.Core.Rewards;

/// <summary>Group-relative advantages of GRPO and LongWriter-Zero's average over several rewards.</summary>
public static class GroupAdvantages
{
    /// <summary>Added to the standard deviation so a group of equal rewards gets advantage 0, not NaN.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>
    /// A_i = (R_i - mean(R)) / (std(R) + eps) within each consecutive group of <paramref name="groupSize"/>; without
    /// std scaling (Dr.GRPO) just R_i - mean(R). std is the unbiased (n - 1) estimate, as torch.std in TRL and verl.
    /// </summary>
    public static double[] Compute(IReadOnlyList<double> rewards, int groupSize, bool scaleByStd = true)
    {
        if (groupSize <= 0 || rewards.Count % groupSize != 0)
            throw new ArgumentException($"{rewards.Count} rewards do not split into groups of {groupSize}");
        var advantages = new double[rewards.Count];
        for (var start = 0; start < rewards.Count; start += groupSize)
        {
            var group = rewards.Skip(start).Take(groupSize).ToArray();
            var mean = group.Average();
            var std = groupSize > 1 ? Math.Sqrt(group.Sum(r => (r - mean) * (r - mean)) / (groupSize - 1)) : 0;
            for (var i = 0; i < groupSize; i++)
                advantages[start + i] = scaleByStd ? (group[i] - mean) / (std + Epsilon) : group[i] - mean;
        }
        return advantages;
    }

    /// <summary>LongWriter-Zero: normalise each reward within its group, then average the advantages over rewards.</summary>
    public static double[] AverageOverRewards(IReadOnlyList<IReadOnlyList<double>> rewardsByKind, int groupSize)
    {
        if (rewardsByKind.Count == 0) throw new ArgumentException("no rewards to average");
        var perKind = rewardsByKind.Select(r => Compute(r, groupSize)).ToList();
        return Enumerable.Range(0, perKind[0].Length).Select(i => perKind.Average(a => a[i])).ToArray();
    }
}
