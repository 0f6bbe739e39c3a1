using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Segments;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;

namespace PostTrain.Recipes.Pipelines;

/// <summary>Turns finished groups into the learner's samples, and describes a batch of them for the metrics.</summary>
public static class GrpoBatch
{
    /// <summary>
    /// Group members stay consecutive. With SAIS each token keeps the log-prob recorded under the version that generated
    /// it; with POIS there are none (the current policy's, detached). A masked sample counts in its group but is not learned.
    /// </summary>
    public static IReadOnlyList<GrpoSample> Samples(IEnumerable<TrainingGroup> groups, ImportanceSampling importance) =>
        groups.SelectMany(group => group.Samples.Select(sample => new GrpoSample(group.Prompt.PromptIds, sample.CompletionIds, sample.Reward)
        {
            OldLogProbs = importance == ImportanceSampling.Sais ? sample.LogProbs : null,
            Learned = sample.Trainable,
        })).ToList();

    /// <summary>Reward, accuracy, length and truncation of the trained samples; drops and failures of the rollout steps.</summary>
    public static Dictionary<string, double> Metrics(IReadOnlyList<TrainingGroup> groups, IReadOnlyList<RolloutStepResult> steps, double passThreshold)
    {
        var samples = groups.SelectMany(g => g.Samples).ToList();
        var rewards = samples.Select(s => s.Reward).ToList();
        var mean = rewards.DefaultIfEmpty(0).Average();
        var finished = steps.Sum(s => s.Report.Finished);
        var returned = steps.Sum(s => s.Report.Groups.Sum(g => g.Samples.Length));
        var zeroVariance = steps.Sum(s => s.Report.Dropped.GetValueOrDefault(DropReasons.ZeroVariance));
        return new Dictionary<string, double>
        {
            ["reward_mean"] = mean,
            ["reward_std"] = rewards.Count == 0 ? 0 : Math.Sqrt(rewards.Average(r => (r - mean) * (r - mean))),
            ["accuracy"] = samples.Count == 0 ? 0 : samples.Count(s => s.Reward >= passThreshold) / (double)samples.Count,
            ["response_length_mean"] = samples.Select(s => (double)s.CompletionIds.Length).DefaultIfEmpty(0).Average(),
            ["response_length_max"] = samples.Select(s => s.CompletionIds.Length).DefaultIfEmpty(0).Max(),
            ["truncation_ratio"] = finished == 0 ? 0 : steps.Sum(s => s.Report.Truncated) / (double)finished,
            ["zero_variance_ratio"] = returned + zeroVariance == 0 ? 0 : zeroVariance / (double)(returned + zeroVariance),
            ["reward_failure_ratio"] = finished == 0 ? 0 : steps.Sum(s => s.Report.RewardFailures) / (double)finished,
            ["groups"] = groups.Count,
            ["rollout_steps"] = steps.Count,
            ["idle_slot_fraction"] = steps.Sum(s => s.SlotSteps) == 0 ? 0 : 1 - steps.Sum(s => s.BusySlotSteps) / (double)steps.Sum(s => s.SlotSteps),
        };
    }
}
