using System.Text.Json;

namespace PostTrain.Recipes.Data;

/// <summary>Reads a file of one JSON object a line (blank lines skipped) as RL, SFT or preference examples.</summary>
public static class JsonlDatasetReader
{
    public static IReadOnlyList<DatasetExample> Read(string path, DatasetKind kind, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        if (!File.Exists(path)) throw new DatasetException([new DatasetError(path, 0, "data file not found")]);
        var examples = new List<DatasetExample>();
        var log = new DatasetErrorLog(options);
        var lineNumber = 0;
        using var lines = File.ReadLines(path).GetEnumerator();
        while (!log.Full && lines.MoveNext())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(lines.Current)) continue;
            try
            {
                using var document = JsonDocument.Parse(lines.Current);
                examples.Add(ExampleParser.Parse(document.RootElement, kind, options, $"{Path.GetFileName(path)}:{lineNumber}"));
            }
            catch (JsonException e)
            {
                log.Add(new DatasetError(path, lineNumber, $"invalid JSON: {e.Message}"));
            }
            catch (DatasetFormatException e)
            {
                log.Add(new DatasetError(path, lineNumber, e.Message));
            }
        }
        log.ThrowIfAny(lines.MoveNext());
        return examples;
    }
}
