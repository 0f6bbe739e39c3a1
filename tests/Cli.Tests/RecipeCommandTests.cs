namespace PostTrain.Cli.Tests;

public sealed class RecipeCommandTests
{
    const string Recipe = """
        model:
          init:
            arch: qwen2
        data:
          train:
            task: arithmetic
        algorithm:
          name: sft
        rollout:
          segmnts: 4
        """;

    [Fact]
    public void Check_prints_the_resolved_recipe_with_defaults()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "r.yaml");
        File.WriteAllText(file, Recipe.Replace("  segmnts: 4", "  segments: 4"));
        var run = PosttrainProcess.Run("recipe", "check", file, "--set", "algorithm.dpo.beta=0.2");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("  segments: 4\n", run.Output);
        Assert.Contains("  group_size: 8\n", run.Output);
        Assert.Contains("    beta: 0.2\n", run.Output);
        var json = PosttrainProcess.Run("recipe", "check", file, "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"backward\": \"streambp\"", json.Output);
    }

    [Fact]
    public void Check_of_a_bad_recipe_exits_2_with_every_error_on_stderr()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "r.yaml");
        File.WriteAllText(file, Recipe);
        var run = PosttrainProcess.Run("recipe", "check", file, "--set", "learner.lr=fast");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"posttrain: error: {file}:10: rollout.segmnts: unknown key; did you mean 'rollout.segments'?", run.Error);
        Assert.Contains("posttrain: error: --set: learner.lr: expected a number greater than 0, got 'fast'", run.Error);
        Assert.Equal("", run.Output);
    }
}
