namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>The test plug-in assembly (built first, not referenced), in this test run's configuration.</summary>
internal static class TestPlugin
{
    static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
    static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    public static readonly string Path_ = Path.Combine(Root, "tests", "Rewards.TestPlugins", "bin", Configuration, "net10.0",
        "PostTrain.Rewards.TestPlugins.dll");

    public const string DigitShare = "PostTrain.Rewards.TestPlugins.DigitShareReward";
}
