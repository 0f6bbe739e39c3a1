using System.Text.Json;

namespace PostTrain.Cli.Tests;

/// <summary>The benchmark runs end to end and writes every metric the issue asks for (figures are not judged here).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void BenchGenerateWritesTheRequiredMetrics()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("bench.json");

        var run = PosttrainProcess.Run("bench", "generate", "--quick", "--json", path);

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var metrics = document.RootElement.GetProperty("metrics");
        foreach (var name in new[] { "decode_tokens_per_s_b1", "decode_tokens_per_s_b8", "decode_tokens_per_s_b32",
                     "speedup_vs_no_cache", "continuous_vs_static_speedup", "gemm_fraction" })
            Assert.True(metrics.GetProperty(name).GetDouble() > 0, name);
    }
}
