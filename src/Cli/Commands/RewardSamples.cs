using System.Text.Json;
using PostTrain.Core.Rewards;

namespace PostTrain.Cli.Commands;

/// <summary>Reads samples to score: one JSON object a line with prompt, completion, ground_truth and optional metadata.</summary>
internal static class RewardSamples
{
    public static IReadOnlyList<RewardInput> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: samples file not found");
        var samples = new List<RewardInput>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                samples.Add(new RewardInput(root.GetProperty("prompt").GetString() ?? "", root.GetProperty("completion").GetString() ?? "")
                {
                    GroundTruth = root.TryGetProperty("ground_truth", out var truth) && truth.ValueKind != JsonValueKind.Null ? truth.ToString() : null,
                    Metadata = root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                        ? metadata.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                        : new Dictionary<string, string>(),
                });
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ArgumentException($"{path}:{lineNumber}: expected {{\"prompt\", \"completion\", \"ground_truth\", \"metadata\"}} ({e.Message})");
            }
        }
        return samples;
    }
}
