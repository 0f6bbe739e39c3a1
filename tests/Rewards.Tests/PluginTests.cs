using PostTrain.Core.Rewards;
using PostTrain.Rewards.Plugins;

namespace PostTrain.Rewards.Tests;

public sealed class PluginTests
{
    static readonly string SampleAssembly = PluginPaths.Sample;

    const string SampleType = PluginPaths.SampleType;

    [Fact]
    public async Task TheSamplePluginLoadsFromItsPathAndScores()
    {
        var reward = RewardPluginLoader.Load(SampleAssembly, SampleType);

        var outputs = await reward.ScoreAsync([new RewardInput("p", "Paris is in France") { GroundTruth = "paris, france, seine" }],
            CancellationToken.None);

        Assert.Equal("keywords", reward.Name);
        Assert.Equal(2 / 3.0, outputs[0].Score, 12);
        Assert.NotSame(typeof(RewardPluginLoader).Assembly, reward.GetType().Assembly);
    }

    [Fact]
    public void AMissingPathOrAWrongTypeIsAClearError()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => RewardPluginLoader.Load("/nowhere/plugin.dll", SampleType));
        Assert.Contains("/nowhere/plugin.dll", missing.Message);

        var noType = Assert.Throws<ArgumentException>(() => RewardPluginLoader.Load(SampleAssembly, "PostTrain.Samples.RewardPlugin.Nope"));
        Assert.Contains("KeywordReward", noType.Message);

        var notAReward = Assert.Throws<ArgumentException>(() => RewardPluginLoader.Load(typeof(PluginTests).Assembly.Location, typeof(PluginTests).FullName!));
        Assert.Contains("does not implement IRewardFunction", notAReward.Message);
    }
}
