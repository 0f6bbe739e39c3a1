using System.Text;
using System.Text.Json;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Reads a run's <c>metrics.jsonl</c> back: one JSON object per line with a string <c>phase</c>, an integer
/// <c>step</c> and numeric metrics. A metric that is null, NaN or infinite (<c>NaN</c>, <c>Infinity</c>, bare or
/// quoted) is left out of its row; a field holding any other string, a boolean, a list or an object is not a metric
/// and is ignored. Blank lines are skipped. A last line without its newline that does not parse is what a crash in
/// the middle of a write leaves, and is dropped; any other bad line throws <see cref="InvalidDataException"/> naming
/// <c>path:line</c>.
/// </summary>
public static class MetricsFile
{
    public const string FileName = "metrics.jsonl";

    public static IReadOnlyList<MetricsRow> Read(string path)
    {
        string text;
        // The run may still be appending to it.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            text = reader.ReadToEnd();

        var lines = text.Split('\n');
        var rows = new List<MetricsRow>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var unterminated = i == lines.Length - 1;
            try
            {
                rows.Add(Parse(line));
            }
            catch (FormatException) when (unterminated)
            {
                // Cut off by a crash mid-write.
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{path}:{i + 1}: {e.Message}");
            }
        }
        return rows;
    }

    /// <summary>Parses one line; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static MetricsRow Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(NonFiniteLiterals.ToNull(line));
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}");
            if (!root.TryGetProperty("phase", out var phase) || phase.ValueKind != JsonValueKind.String)
                throw new FormatException("expected a string 'phase'");
            if (!root.TryGetProperty("step", out var step) || step.ValueKind != JsonValueKind.Number || !step.TryGetInt64(out var stepValue))
                throw new FormatException("expected an integer 'step'");

            var values = new Dictionary<string, double>();
            foreach (var field in root.EnumerateObject())
            {
                if (field.Name is "phase" or "step") continue;
                if (field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out var value) && double.IsFinite(value))
                    values[field.Name] = value;
            }
            return new MetricsRow(phase.GetString()!, stepValue, values);
        }
    }
}
