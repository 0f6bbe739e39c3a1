using ScottPlot;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Draws a run's <c>metrics.jsonl</c> as PNG files in <c>RUN/plots/</c>: <c>reward.png</c> (reward_mean with a
/// ±reward_std band), <c>length.png</c> (response_length_mean and _max), <c>entropy.png</c> and <c>loss.png</c>, each
/// against the step of the main phase and each only when one of its metrics was logged; and <c>warmup_loss.png</c> for
/// the SFT warm-up (phase <c>warmup</c>). A log with several main phases (say <c>sft</c>, then <c>grpo</c>) gets a set
/// per phase, named <c>&lt;phase&gt;_reward.png</c> and so on, because their steps restart.
/// </summary>
public static class MetricsPlotter
{
    public const string WarmupPhase = "warmup";
    public const string EvalPhase = "eval";
    public const string PlotsFolder = "plots";
    public const int Width = 800;
    public const int Height = 450;

    /// <summary>
    /// False where no font is installed (a bare Linux image without, say, fonts-dejavu-core): plots are still drawn,
    /// but without titles, labels or numbers.
    /// </summary>
    public static bool CanDrawText => PlotFont.Any;

    /// <summary>Writes the plots and returns their paths; throws <see cref="IOException"/> naming a missing path.</summary>
    public static IReadOnlyList<string> Plot(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
            throw new DirectoryNotFoundException($"run folder not found: {runDirectory}");
        var metrics = Path.Combine(runDirectory, MetricsFile.FileName);
        if (!File.Exists(metrics))
            throw new FileNotFoundException($"no {MetricsFile.FileName} in the run folder: {metrics}", metrics);

        var rows = MetricsFile.Read(metrics);
        var output = Path.Combine(runDirectory, PlotsFolder);
        var written = new List<string>();
        var phases = rows.Select(r => r.Phase).Where(p => p != WarmupPhase && p != EvalPhase).Distinct().ToList();
        foreach (var phase in phases)
        {
            var prefix = phases.Count == 1 ? "" : $"{phase}_";
            var phaseRows = rows.Where(r => r.Phase == phase).ToList();
            foreach (var chart in MetricChart.Main)
                Draw(chart, phaseRows, $"{chart.Title} ({phase})", Path.Combine(output, $"{prefix}{chart.Name}.png"), written);
        }
        var evaluations = rows.Where(r => r.Phase == EvalPhase).ToList();
        Draw(MetricChart.Heldout, evaluations, MetricChart.Heldout.Title, Path.Combine(output, $"{MetricChart.Heldout.Name}.png"), written);
        var warmup = rows.Where(r => r.Phase == WarmupPhase).ToList();
        Draw(MetricChart.WarmupLoss, warmup, MetricChart.WarmupLoss.Title, Path.Combine(output, $"{MetricChart.WarmupLoss.Name}.png"), written);
        return written;
    }

    static void Draw(MetricChart chart, IReadOnlyList<MetricsRow> rows, string title, string path, List<string> written)
    {
        var lines = chart.Lines.Select(name => MetricSeries.Of(rows, name)).Where(s => s.Count > 0).ToList();
        if (lines.Count == 0) return;

        using var plot = new Plot();
        var band = chart.Band is null ? null : MetricSeries.Of(rows, chart.Band);
        if (band is { Count: > 0 } && lines[0].Name == chart.Lines[0]) AddBand(plot, lines[0], band, plot.Add.Palette.GetColor(0));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = plot.Add.ScatterLine(lines[i].Steps, lines[i].Values, plot.Add.Palette.GetColor(i));
            line.LegendText = lines[i].Name;
            line.LineWidth = 2;
        }
        if (PlotFont.Family is { } family) plot.Font.Set(family);
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(chart.YLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // One line needs no legend: the title and axis name it.
        if (lines.Count > 1 || plot.GetPlottables().Count() > 1) plot.ShowLegend(Alignment.UpperLeft);
        else plot.HideLegend();

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, Width, Height);
        written.Add(path);
    }

    // Mean ± std where both were logged at the same step.
    static void AddBand(Plot plot, MetricSeries mean, MetricSeries std, Color color)
    {
        var stdByStep = std.Steps.Zip(std.Values).ToDictionary(p => p.First, p => p.Second);
        var points = mean.Steps.Zip(mean.Values)
            .Where(p => stdByStep.ContainsKey(p.First))
            .Select(p => (X: p.First, Low: p.Second - stdByStep[p.First], High: p.Second + stdByStep[p.First]))
            .ToList();
        if (points.Count == 0) return;
        var fill = plot.Add.FillY(points.Select(p => p.X).ToArray(), points.Select(p => p.Low).ToArray(), points.Select(p => p.High).ToArray());
        fill.FillColor = color.WithAlpha(0.2);
        fill.LineWidth = 0;
        fill.LegendText = $"± {std.Name}";
    }
}
