using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Tests;

/// <summary>Composition modes on a small group, by hand.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void WeightedSumAddsWeightedScoresAndKeepsSubScores()
    {
        var output = RewardComposition.WeightedSum([("format", 0.1, new RewardOutput(1)), ("accuracy", 0.9, new RewardOutput(0.5))]);

        Assert.Equal(0.1 * 1 + 0.9 * 0.5, output.Score, 12);
        Assert.Equal(0.5, output.SubScores["accuracy"]);
    }

    [Fact]
    public void AFailedPartFailsTheSumInsteadOfCountingAsZero()
    {
        var output = RewardComposition.WeightedSum([("format", 0.1, new RewardOutput(1)), ("judge", 0.9, RewardOutput.Failure("timed out"))]);

        Assert.True(output.Failed);
        Assert.Equal("judge: timed out", output.Error);
    }

    [Fact]
    public void LongWriterZeroAveragesGroupNormalisedAdvantages()
    {
        // A group of 3: length rewards (1, 0.5, 0) and quality scores (2, 8, 5) on very different scales.
        double[] length = [1, 0.5, 0];
        double[] quality = [2, 8, 5];

        var advantages = RewardComposition.AveragedGroupAdvantages([length, quality], groupSize: 3);

        // Length: mean 0.5, unbiased std 0.5 -> (1, 0, -1). Quality: mean 5, std 3 -> (-1, 1, 0).
        var e = GroupAdvantages.Epsilon;
        Assert.Equal((0.5 / (0.5 + e) + -3 / (3 + e)) / 2, advantages[0], 9);
        Assert.Equal((0 + 3 / (3 + e)) / 2, advantages[1], 9);
        Assert.Equal((-0.5 / (0.5 + e) + 0) / 2, advantages[2], 9);
    }
}
