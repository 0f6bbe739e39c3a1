using System.Buffers.Binary;
using System.Globalization;
using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Tests.Metrics;

public sealed class MetricsPlotterTests
{
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    static string Run(RecipeFolder folder, bool withEntropy)
    {
        var lines = new List<string>();
        for (var step = 1; step <= 3; step++)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $$"""{"step": {{step}}, "phase": "warmup", "loss": {{3.0 / step}}}"""));
        for (var step = 1; step <= 20; step++)
        {
            var entropy = withEntropy ? string.Create(CultureInfo.InvariantCulture, $", \"entropy\": {1.5 - step * 0.03}") : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $$"""{"step": {{step}}, "phase": "grpo", "reward_mean": {{step * 0.04}}, "reward_std": 0.1, "response_length_mean": {{10 + step}}, "response_length_max": {{30 + step}}, "loss": null{{entropy}}}"""));
        }
        folder.Write("run/metrics.jsonl", string.Join('\n', lines) + "\n");
        return Path.Combine(folder.Path, "run");
    }

    [Fact]
    public void WritesOnePngPerMetricLogged()
    {
        using var folder = new RecipeFolder();
        var run = Run(folder, withEntropy: true);

        var written = MetricsPlotter.Plot(run);

        var plots = Path.Combine(run, "plots");
        Assert.Equal(new[] { "reward.png", "length.png", "entropy.png", "warmup_loss.png" }.Select(f => Path.Combine(plots, f)), written);
        foreach (var path in written)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(PngSignature, bytes[..8]);
            // IHDR comes first: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(MetricsPlotter.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(MetricsPlotter.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.True(bytes.Length > 5_000, $"{path} is only {bytes.Length} bytes");
        }
    }

    [Fact]
    public void AMetricNeverLoggedMakesNoPlot()
    {
        using var folder = new RecipeFolder();
        var run = Run(folder, withEntropy: false);

        var written = MetricsPlotter.Plot(run).Select(Path.GetFileName);

        Assert.DoesNotContain("entropy.png", written);
        Assert.DoesNotContain("loss.png", written);
        Assert.False(File.Exists(Path.Combine(run, "plots", "entropy.png")));
        Assert.Contains("reward.png", written);
    }

    [Fact]
    public void SeveralMainPhasesGetAPlotSetEach()
    {
        using var folder = new RecipeFolder();
        var run = Path.GetDirectoryName(folder.Write("run/metrics.jsonl", """
            {"step": 1, "phase": "sft", "loss": 2.0}
            {"step": 2, "phase": "sft", "loss": 1.0}
            {"step": 1, "phase": "dpo", "loss": 0.7}
            {"step": 2, "phase": "dpo", "loss": 0.6}
            """))!;

        Assert.Equal(["sft_loss.png", "dpo_loss.png"], MetricsPlotter.Plot(run).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingRunFolderOrMetricsFileIsNamed()
    {
        using var folder = new RecipeFolder();
        var missing = Path.Combine(folder.Path, "nope");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => MetricsPlotter.Plot(missing)).Message);

        var noMetrics = Assert.Throws<FileNotFoundException>(() => MetricsPlotter.Plot(folder.Path));
        Assert.Contains(Path.Combine(folder.Path, "metrics.jsonl"), noMetrics.Message);
    }
}
