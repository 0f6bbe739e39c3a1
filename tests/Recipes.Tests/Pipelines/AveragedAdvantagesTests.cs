using PostTrain.Actors.Contracts;
using PostTrain.Core.Rewards;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Tests.Pipelines;

public sealed class AveragedAdvantagesTests
{
    static TrainingSample Sample(string id, double a, double b, bool truncated = false) => new()
    {
        Id = id, CompletionIds = [1], LogProbs = [0f], SegmentVersions = [0], SegmentLengths = [1],
        Reward = a + b, SubScores = new() { ["a"] = a, ["b"] = b }, Truncated = truncated,
    };

    static TrainingGroup Group(params TrainingSample[] samples) =>
        new() { Prompt = new RolloutPrompt { Id = "p", PromptIds = [1, 2] }, Samples = samples };

    [Fact]
    public void EachRewardIsNormalisedInItsGroupThenTheAdvantagesAreAveragedByWeight()
    {
        // Reward b is on a scale 10x a's; summed raw, it would decide every advantage.
        var groups = new[] { Group(Sample("s0", 1, 0), Sample("s1", 0, 10), Sample("s2", 1, 20)) };
        var weights = new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 };

        var advantages = new AveragedAdvantages(weights, 3, scaleByStd: true, TruncationPolicy.ZeroReward).Compute(groups);

        var a = GroupAdvantages.Compute([1, 0, 1], 3);
        var b = GroupAdvantages.Compute([0, 10, 20], 3);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => (3 * a[i] + b[i]) / 4), advantages);
    }

    [Fact]
    public void ATruncatedSampleScoresZeroOnEveryRewardUnderZeroReward()
    {
        var groups = new[] { Group(Sample("s0", 1, 5), Sample("s1", 1, 5, truncated: true)) };
        var weights = new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 };

        var zeroed = new AveragedAdvantages(weights, 2, true, TruncationPolicy.ZeroReward).Compute(groups);
        var kept = new AveragedAdvantages(weights, 2, true, TruncationPolicy.Keep).Compute(groups);

        Assert.True(zeroed[0] > 0 && zeroed[1] < 0);
        Assert.Equal([0.0, 0.0], kept); // equal rewards: nothing to learn
    }

    [Fact]
    public void GrpoSamplesCarryTheAveragedAdvantages()
    {
        var groups = new[] { Group(Sample("s0", 1, 0), Sample("s1", 0, 10)) };
        var averaged = new AveragedAdvantages(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 }, 2, true, TruncationPolicy.ZeroReward);

        var samples = GrpoBatch.Samples(groups, PostTrain.Learner.Objectives.ImportanceSampling.Pois, averaged);

        Assert.Equal(averaged.Compute(groups), samples.Select(s => s.Advantage!.Value));
        Assert.All(samples, s => Assert.Null(s.OldLogProbs));
    }
}
