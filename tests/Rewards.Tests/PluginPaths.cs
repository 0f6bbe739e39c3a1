namespace PostTrain.Rewards.Tests;

/// <summary>The plug-in assemblies that the test project builds first (without referencing them) and loads by path.</summary>
internal static class PluginPaths
{
    // tests/Rewards.Tests/bin/CONFIGURATION/net10.0/ -> the repository root, and the same configuration's outputs.
    static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
    static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    public static readonly string Sample = Path.Combine(Root, "samples", "RewardPlugin", "bin", Configuration, "net10.0",
        "PostTrain.Samples.RewardPlugin.dll");

    public const string SampleType = "PostTrain.Samples.RewardPlugin.KeywordReward";

    public static readonly string Misbehaving = Path.Combine(Root, "tests", "Rewards.TestPlugins", "bin", Configuration, "net10.0",
        "PostTrain.Rewards.TestPlugins.dll");

    public const string MisbehavingType = "PostTrain.Rewards.TestPlugins.MisbehavingReward";
}
