using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Segments;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Recipes.Evaluation;

namespace PostTrain.Recipes.Pipelines;

/// <summary>Turns finished groups into the learner's samples, and describes a batch of them for the metrics.</summary>
public static class GrpoBatch
{
    /// <summary>
    /// Group members stay consecutive. With SAIS each token keeps the log-prob recorded under the version that generated
    /// it; with POIS there are none (the current policy's, detached). A masked sample counts in its group but is not learned.
    /// With <paramref name="averaged"/> (LongWriter-Zero), each sample's advantage is the weighted mean over rewards of
    /// that reward's group-normalised score, instead of the trainer normalising the weighted sum.
    /// </summary>
    /// <param name="videos">Video groups' prompt embeddings by prompt id, shared by the group's samples.</param>
    public static IReadOnlyList<GrpoSample> Samples(IReadOnlyList<TrainingGroup> groups, ImportanceSampling importance,
        AveragedAdvantages? averaged = null, IReadOnlyDictionary<string, PromptEmbedding>? videos = null)
    {
        var samples = groups.SelectMany(group => group.Samples.Select(sample => new GrpoSample(group.Prompt.PromptIds, sample.CompletionIds, sample.Reward)
        {
            OldLogProbs = importance == ImportanceSampling.Sais ? sample.LogProbs : null,
            Learned = sample.Trainable,
            PromptEmbeddings = videos?.GetValueOrDefault(group.Prompt.Id) is { } video ? [video] : [],
        })).ToList();
        if (averaged is null || groups.Count == 0) return samples;
        var advantages = averaged.Compute(groups);
        return samples.Select((s, i) => s with { Advantage = advantages[i] }).ToList();
    }

    /// <summary>
    /// Reward, accuracy, length and truncation of the batch's samples; groups with equal rewards (in the batch or
    /// dropped); reward failures of the rollout steps behind it.
    /// </summary>
    public static Dictionary<string, double> Metrics(IReadOnlyList<TrainingGroup> groups, IReadOnlyList<RolloutStepResult> steps, double passThreshold)
    {
        var samples = groups.SelectMany(g => g.Samples).ToList();
        var rewards = samples.Select(s => s.Reward).ToList();
        var mean = rewards.DefaultIfEmpty(0).Average();
        var finished = steps.Sum(s => s.Report.Finished);
        // Groups whose rewards are all equal: those in this batch, and those dynamic sampling dropped meanwhile.
        var dropped = steps.Sum(s => s.Report.Dropped.GetValueOrDefault(DropReasons.ZeroVariance));
        var equal = groups.Where(g => g.Samples.Select(m => m.Reward).Distinct().Count() == 1).Sum(g => g.Samples.Length) + dropped;
        var metrics = new Dictionary<string, double>
        {
            ["reward_mean"] = mean,
            ["reward_std"] = rewards.Count == 0 ? 0 : Math.Sqrt(rewards.Average(r => (r - mean) * (r - mean))),
            ["accuracy"] = samples.Count == 0 ? 0 : samples.Count(s => s.Reward >= passThreshold) / (double)samples.Count,
            ["response_length_mean"] = samples.Select(s => (double)s.CompletionIds.Length).DefaultIfEmpty(0).Average(),
            ["response_length_max"] = samples.Select(s => s.CompletionIds.Length).DefaultIfEmpty(0).Max(),
            ["truncation_ratio"] = samples.Count == 0 ? 0 : samples.Count(s => s.Truncated) / (double)samples.Count,
            ["zero_variance_ratio"] = samples.Count + dropped == 0 ? 0 : equal / (double)(samples.Count + dropped),
            ["reward_failure_ratio"] = finished == 0 ? 0 : steps.Sum(s => s.Report.RewardFailures) / (double)finished,
            ["groups"] = groups.Count,
            ["rollout_steps"] = steps.Count,
            ["idle_slot_fraction"] = steps.Sum(s => s.SlotSteps) == 0 ? 0 : 1 - steps.Sum(s => s.BusySlotSteps) / (double)steps.Sum(s => s.SlotSteps),
            ["started_mid_step"] = steps.Sum(s => s.Report.StartedMidStep),
        };
        // Per-reward figures as the rewards scored the samples (a truncated sample's zero_reward is in reward_mean only).
        foreach (var (name, value) in RewardFigures.Of(samples.Select(s => s.SubScores).ToList())) metrics[name] = value;
        return metrics;
    }
}
