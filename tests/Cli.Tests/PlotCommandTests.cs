namespace PostTrain.Cli.Tests;

public sealed class PlotCommandTests
{
    [Fact]
    public void PlotOnAMissingRunFolderIsAUserErrorNamingThePath()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("no-such-run");

        var result = PosttrainProcess.Run("plot", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("posttrain: error: ", result.Error);
        Assert.Contains(missing, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void PlotOnAMalformedMetricsFileNamesTheLine()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("metrics.jsonl"), "{\"step\": 1, \"phase\": \"grpo\", \"loss\": 1}\nnot json\n");

        var result = PosttrainProcess.Run("plot", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"posttrain: error: {temp.Combine("metrics.jsonl")}:2: invalid JSON", result.Error);
    }

    [Fact]
    public void PlotPrintsThePathsItWrote()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("metrics.jsonl"),
            "{\"step\": 1, \"phase\": \"grpo\", \"loss\": 1, \"reward_mean\": 0.1}\n{\"step\": 2, \"phase\": \"grpo\", \"loss\": 0.5, \"reward_mean\": 0.3}\n");

        var result = PosttrainProcess.Run("plot", temp.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = new[] { "reward.png", "loss.png" }.Select(f => temp.Combine("plots", f)).ToArray();
        Assert.Equal(expected, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(expected, path => Assert.True(File.Exists(path), path));
    }
}
