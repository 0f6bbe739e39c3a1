using System.Text.Json;
using PostTrain.Core.Rewards;

namespace PostTrain.Cli.Commands;

/// <summary>Reads samples to score: one JSON object a line with prompt, completion, ground_truth and optional metadata.</summary>
internal static class RewardSamples
{
    public static IReadOnlyList<RewardInput> Read(string path) =>
        JsonLines.Read(path, "samples", "{\"prompt\", \"completion\", \"ground_truth\", \"metadata\"}", Parse);

    static RewardInput Parse(JsonElement root) =>
        new(root.GetProperty("prompt").GetString() ?? "", root.GetProperty("completion").GetString() ?? "")
        {
            GroundTruth = root.TryGetProperty("ground_truth", out var truth) && truth.ValueKind != JsonValueKind.Null ? truth.ToString() : null,
            Metadata = root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                ? metadata.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : new Dictionary<string, string>(),
        };
}
