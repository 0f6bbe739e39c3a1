using System.Text.Json;

namespace PostTrain.Cli.Commands;

/// <summary>Reads a file of one JSON object a line; a line that does not parse names the file, the line and the shape expected.</summary>
internal static class JsonLines
{
    public static IReadOnlyList<T> Read<T>(string path, string what, string expected, Func<JsonElement, T> parse)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: {what} file not found");
        var items = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                items.Add(parse(document.RootElement));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"{path}:{lineNumber}: expected {expected} ({e.Message})");
            }
        }
        return items;
    }
}
