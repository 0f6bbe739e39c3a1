using PostTrain.Recipes.Evaluation;

namespace PostTrain.Recipes.Tests.Evaluation;

public sealed class RewardFiguresTests
{
    [Fact]
    public void EachRewardIsAveragedOverAllSamplesAndOnlyAFullLengthScoreIsInRange()
    {
        IReadOnlyDictionary<string, double>[] samples =
        [
            new Dictionary<string, double> { ["length"] = 1.0, ["reward_model"] = 2.0 },
            new Dictionary<string, double> { ["length"] = 0.5, ["reward_model"] = -1.0 },
            new Dictionary<string, double> { ["length"] = 0.999, ["reward_model"] = 0.5 },
            new Dictionary<string, double>(), // a failed sample: no score anywhere
        ];

        var figures = RewardFigures.Of(samples);

        Assert.Equal((1.0 + 0.5 + 0.999) / 4, figures["reward_length"], 12);
        Assert.Equal((2.0 - 1.0 + 0.5) / 4, figures["reward_reward_model"], 12);
        Assert.Equal(0.25, figures[RewardFigures.InRange]);
        Assert.False(RewardFigures.Of([new Dictionary<string, double> { ["math_verify"] = 1 }]).ContainsKey(RewardFigures.InRange));
    }
}
