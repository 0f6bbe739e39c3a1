using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>
/// Turns a complete group into what the learner trains on, or drops it: truncated samples per the recipe, failed
/// rewards per the recipe (never a silent zero), then DAPO's dynamic-sampling filter on the final rewards.
/// </summary>
public static class GroupSelector
{
    public static TrainingGroup? Select(RolloutGroup group, IReadOnlyList<RolloutSample> samples, RolloutSettings settings,
        SampleAccounting step)
    {
        if (samples.Any(s => s.Reward!.Failed) && settings.RewardFailure == RewardFailurePolicy.DropGroup)
        {
            step.Drop(DropReasons.RewardFailure, samples.Count);
            return null;
        }
        var rewards = samples.Select(s => FinalReward(s, settings)).ToArray();
        if (settings.DropZeroVarianceGroups && rewards.All(r => r == rewards[0]))
        {
            step.Drop(DropReasons.ZeroVariance, samples.Count);
            return null;
        }
        var trainable = samples.Select(s => !(s.Truncated && settings.Truncation == TruncationPolicy.Mask)).ToArray();
        step.Drop(DropReasons.Truncated, trainable.Count(t => !t));
        step.Trained += trainable.Count(t => t);
        return new TrainingGroup
        {
            Prompt = group.Prompt,
            Samples = samples.Select((s, i) => new TrainingSample
            {
                Id = s.Id,
                CompletionIds = s.TokenIds.ToArray(),
                LogProbs = s.LogProbs.ToArray(),
                SegmentVersions = s.Segments.Select(r => r.PolicyVersion).ToArray(),
                SegmentLengths = s.Segments.Select(r => r.Tokens).ToArray(),
                Reward = rewards[i],
                SubScores = s.Reward!.SubScores,
                Truncated = s.Truncated,
                Trainable = trainable[i],
            }).ToArray(),
        };
    }

    static double FinalReward(RolloutSample sample, RolloutSettings settings)
    {
        if (sample.Truncated && settings.Truncation == TruncationPolicy.ZeroReward) return 0.0;
        return sample.Reward!.Failed ? settings.FallbackScore : sample.Reward.Score;
    }
}
