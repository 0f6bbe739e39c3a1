using PostTrain.Core.Rewards;
using PostTrain.Rewards.Plugins;

namespace PostTrain.Rewards.Tests;

public sealed class PluginTests
{
    // tests/Rewards.Tests/bin/CONFIGURATION/net10.0/ -> samples/RewardPlugin/bin/CONFIGURATION/net10.0/
    static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);

    static readonly string SampleAssembly = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
        "samples", "RewardPlugin", "bin", Configuration, "net10.0", "PostTrain.Samples.RewardPlugin.dll"));

    const string SampleType = "PostTrain.Samples.RewardPlugin.KeywordReward";

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
