using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// The run's metrics: one JSON object a line in <c>metrics.jsonl</c> (flushed per line), a short console line, and
/// whatever extra sinks subscribe to <see cref="Written"/> (TensorBoard). Non-finite values are written as null.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    readonly StreamWriter _file;
    readonly TextWriter? _console;
    readonly string _linePrefix;

    /// <param name="redraw">Console lines first clear the line a progress bar is drawn on.</param>
    public MetricsLog(string path, TextWriter? console, bool redraw = false)
    {
        _linePrefix = redraw ? "\r\u001b[2K" : "";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        _console = console;
    }

    /// <summary>Called after each row: phase, step and values.</summary>
    public event Action<string, long, IReadOnlyDictionary<string, double>>? Written;

    public void Write(string phase, long step, IReadOnlyDictionary<string, double> values)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("step", step);
            json.WriteString("phase", phase);
            foreach (var (name, value) in values)
            {
                if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 6));
                else json.WriteNull(name);
            }
            json.WriteEndObject();
        }
        _file.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _file.Flush();
        _console?.WriteLine(_linePrefix + ConsoleLine(phase, step, values));
        Written?.Invoke(phase, step, values);
    }

    /// <summary>
    /// Before a resume: drops the rows a checkpoint at <paramref name="step"/> does not cover (main-phase and
    /// evaluation rows after it), so the resumed run's file reads as if it had never stopped.
    /// </summary>
    public static void TruncateAfter(string path, long step, IReadOnlyCollection<string> keepPhases)
    {
        if (!File.Exists(path)) return;
        var kept = File.ReadLines(path).Where(line =>
        {
            if (string.IsNullOrWhiteSpace(line)) return false;
            try
            {
                using var row = JsonDocument.Parse(line);
                return keepPhases.Contains(row.RootElement.GetProperty("phase").GetString()) || row.RootElement.GetProperty("step").GetInt64() <= step;
            }
            catch (JsonException)
            {
                return false; // a line cut by the crash
            }
        }).ToList();
        Modeling.Checkpoints.AtomicFile.WriteText(path, kept.Count == 0 ? "" : string.Join('\n', kept) + "\n");
    }

    static readonly string[] ConsoleKeys =
        ["loss", "reward_mean", "accuracy", "response_length_mean", "truncation_ratio", "entropy", "grad_norm", "tokens_per_second", "avg_at_k", "pass_at_k"];

    static string ConsoleLine(string phase, long step, IReadOnlyDictionary<string, double> values)
    {
        var line = new StringBuilder($"[{phase} {step}]");
        foreach (var key in ConsoleKeys)
            if (values.TryGetValue(key, out var value)) line.Append(CultureInfo.InvariantCulture, $" {key}={Format(value)}");
        return line.ToString();
    }

    static string Format(double value) =>
        !double.IsFinite(value) ? "nan" : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    public void Dispose() => _file.Dispose();
}
