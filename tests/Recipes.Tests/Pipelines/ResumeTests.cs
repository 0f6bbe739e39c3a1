using System.Text.Json.Nodes;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Tests.Pipelines;

public sealed class ResumeTests
{
    [Fact]
    public void StoppingAfterAStepAndResumingGivesTheMetricsOfARunThatNeverStopped()
    {
        using var folder = new RecipeFolder();
        var recipe = TinyRuns.Grpo(steps: 4, extra: "checkpoints: {every: 2, keep: 2}");

        var whole = TinyRuns.Run(folder, recipe, "whole");
        var stopped = TinyRuns.Run(folder, recipe, "split", new RunOptions { StopAfterStep = 3 });
        Assert.True(stopped.Outcome.Interrupted);
        Assert.Equal("checkpoint-2", File.ReadAllText(Path.Combine(stopped.Folder.Checkpoints, "latest")).Trim());
        var resumed = TinyRuns.Run(folder, recipe, "split", new RunOptions { Resume = true });

        // Step 3 ran twice in the split run (before the stop, and again after the resume from step 2); the file
        // keeps only the second, and every row equals the uninterrupted run's.
        Assert.Equal(TinyRuns.RowsWithoutTimings(whole.Folder.Metrics), TinyRuns.RowsWithoutTimings(resumed.Folder.Metrics));
        Assert.Equal(whole.After!.RewardMean, resumed.After!.RewardMean);
        Assert.Equal(whole.Before!.AvgAtK, resumed.Before!.AvgAtK);
        var (a, b) = (TinyRuns.Summary(whole)["samples"]!.ToJsonString(), TinyRuns.Summary(resumed)["samples"]!.ToJsonString());
        Assert.Equal(a, b);
        Assert.Equal(0L, (long)JsonNode.Parse(b)!["lost"]!);
    }
}
