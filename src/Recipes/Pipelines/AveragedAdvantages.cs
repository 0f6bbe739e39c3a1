using PostTrain.Actors.Contracts;
using PostTrain.Core.Rewards;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// LongWriter-Zero's composition (TECHNIQUES section 5): every reward is normalised within its group on its own scale,
/// then the advantages are averaged, weighted by the rewards' weights, so that no reward dominates by its range. A
/// truncated sample under <c>zero_reward</c> scores 0 on every reward; a sample whose rewards failed and got the
/// fallback score has it on every reward.
/// </summary>
public sealed class AveragedAdvantages(IReadOnlyDictionary<string, double> weights, int groupSize, bool scaleByStd, TruncationPolicy truncation)
{
    public double[] Compute(IReadOnlyList<TrainingGroup> groups)
    {
        var samples = groups.SelectMany(g => g.Samples).ToList();
        var total = weights.Values.Sum();
        if (total == 0) throw new ArgumentException("rewards_composition: averaged_advantages needs reward weights that do not sum to 0");
        var advantages = new double[samples.Count];
        foreach (var (name, weight) in weights)
        {
            var scores = samples.Select(s => Score(s, name)).ToList();
            var normalised = GroupAdvantages.Compute(scores, groupSize, scaleByStd);
            for (var i = 0; i < advantages.Length; i++) advantages[i] += weight * normalised[i] / total;
        }
        return advantages;
    }

    double Score(TrainingSample sample, string reward)
    {
        if (sample.Truncated && truncation == TruncationPolicy.ZeroReward) return 0;
        return sample.SubScores.TryGetValue(reward, out var score) ? score : sample.Reward;
    }
}
