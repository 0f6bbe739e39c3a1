using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Tests.Metrics;

public sealed class MetricsFileTests
{
    [Fact]
    public void ReadsRowsAndSkipsMissingNullAndNonFiniteValues()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("metrics.jsonl", """
            {"step": 1, "phase": "warmup", "loss": 2.5}

            {"step": 1, "phase": "grpo", "reward_mean": 0.4, "kl": null, "entropy": NaN, "grad_norm": "NaN", "lr": 1e-4, "note": "x: NaN"}
            {"phase": "grpo", "step": 2, "reward_mean": -Infinity, "loss": 0.03}

            """);

        var rows = MetricsFile.Read(path);

        Assert.Equal([("warmup", 1L), ("grpo", 1L), ("grpo", 2L)], rows.Select(r => (r.Phase, r.Step)));
        Assert.Equal(new Dictionary<string, double> { ["loss"] = 2.5 }, rows[0].Values);
        Assert.Equal(new Dictionary<string, double> { ["reward_mean"] = 0.4, ["lr"] = 1e-4 }, rows[1].Values);
        Assert.Equal(new Dictionary<string, double> { ["loss"] = 0.03 }, rows[2].Values);
    }

    [Fact]
    public void APartialLastLineIsWhatACrashLeavesAndIsDropped()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("metrics.jsonl", "{\"step\": 1, \"phase\": \"sft\", \"loss\": 1.0}\n{\"step\": 2, \"phase\": \"sft\", \"lo");

        var rows = MetricsFile.Read(path);

        Assert.Equal(1L, Assert.Single(rows).Step);
    }

    [Fact]
    public void ACompleteLastLineWithoutNewlineIsKept()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("metrics.jsonl", "{\"step\": 1, \"phase\": \"sft\"}\n{\"step\": 2, \"phase\": \"sft\", \"loss\": 0.5}");

        Assert.Equal([1L, 2L], MetricsFile.Read(path).Select(r => r.Step));
    }

    [Theory]
    [InlineData("{\"step\": 2, \"phase\": \"grpo\", \"loss\": 0.", "invalid JSON")]
    [InlineData("[1, 2]", "expected a JSON object, got array")]
    [InlineData("{\"step\": 2}", "expected a string 'phase'")]
    [InlineData("{\"step\": 2.5, \"phase\": \"grpo\"}", "expected an integer 'step'")]
    public void AMalformedLineInTheMiddleIsReportedWithItsLine(string bad, string reason)
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("metrics.jsonl", $"{{\"step\": 1, \"phase\": \"grpo\"}}\n{bad}\n{{\"step\": 3, \"phase\": \"grpo\"}}\n");

        var error = Assert.Throws<InvalidDataException>(() => MetricsFile.Read(path));

        Assert.StartsWith($"{path}:2: {reason}", error.Message);
        Assert.Contains("metrics.jsonl:2:", error.Message);
    }

    [Fact]
    public void AMalformedLastLineEndedByANewlineIsAnError()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("metrics.jsonl", "{\"step\": 1, \"phase\": \"grpo\"}\n{\"step\": 2, \n");

        var error = Assert.Throws<InvalidDataException>(() => MetricsFile.Read(path));

        Assert.StartsWith($"{path}:2: invalid JSON", error.Message);
    }
}
