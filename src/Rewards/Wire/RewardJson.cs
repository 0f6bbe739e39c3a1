using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Wire;

/// <summary>
/// The JSON shapes of one sample and one result, shared by the HTTP reward and the reward host's protocol.
/// A sample: <c>{"prompt", "completion", "ground_truth", "metadata": {string: string}}</c> (plus
/// <c>"completion_ids"</c> where asked for). A result: <c>{"score", "sub_scores": {string: number}, "error", "note"}</c>,
/// or just a number; a result with an error has no score.
/// </summary>
public static class RewardJson
{
    public static JsonObject WriteSample(RewardInput input, bool withCompletionIds = false)
    {
        var sample = new JsonObject
        {
            ["prompt"] = input.Prompt,
            ["completion"] = input.Completion,
            ["ground_truth"] = input.GroundTruth,
            ["metadata"] = new JsonObject(input.Metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        if (withCompletionIds && input.CompletionIds.Count > 0)
            sample["completion_ids"] = new JsonArray(input.CompletionIds.Select(id => (JsonNode?)id).ToArray());
        return sample;
    }

    /// <summary>Reads a sample; <c>prompt</c> and <c>completion</c> are required, the rest optional.</summary>
    public static RewardInput ReadSample(JsonElement sample) =>
        new(sample.GetProperty("prompt").GetString() ?? "", sample.GetProperty("completion").GetString() ?? "")
        {
            GroundTruth = sample.TryGetProperty("ground_truth", out var truth) && truth.ValueKind != JsonValueKind.Null ? truth.ToString() : null,
            Metadata = sample.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                ? metadata.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
                : new Dictionary<string, string>(),
            CompletionIds = sample.TryGetProperty("completion_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Select(id => id.GetInt32()).ToArray()
                : [],
        };

    /// <summary>Writes a result; a score that is not a finite number and has no error becomes an error (JSON has no NaN).</summary>
    public static JsonObject WriteResult(RewardOutput output)
    {
        var error = output.Error ?? (double.IsFinite(output.Score) ? null : $"the reward returned a non-finite score ({output.Score}) without an error");
        return new JsonObject
        {
            ["score"] = error is null ? output.Score : null,
            ["sub_scores"] = new JsonObject(output.SubScores
                .Where(p => double.IsFinite(p.Value))
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["error"] = error,
            ["note"] = output.Note,
        };
    }

    /// <summary>
    /// Reads a result: an object (<c>score</c> required unless <c>error</c> is given) or a bare number. The error
    /// string is returned as is (an empty one means no error); a result of the wrong shape throws
    /// <see cref="FormatException"/> saying what was expected.
    /// </summary>
    public static RewardOutput ReadResult(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Number) return new RewardOutput(FiniteNumber(result, "the score"));
        if (result.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected an object with \"score\" or a number, got {Describe(result)}");
        var note = OptionalString(result, "note");
        if (OptionalString(result, "error") is { Length: > 0 } error) return RewardOutput.Failure(error) with { Note = note };
        if (!result.TryGetProperty("score", out var score) || score.ValueKind == JsonValueKind.Null)
            throw new FormatException("has neither a \"score\" nor an \"error\"");
        var subScores = new Dictionary<string, double>();
        if (result.TryGetProperty("sub_scores", out var subs) && subs.ValueKind != JsonValueKind.Null)
        {
            if (subs.ValueKind != JsonValueKind.Object) throw new FormatException($"\"sub_scores\" must be an object of numbers, got {Describe(subs)}");
            foreach (var sub in subs.EnumerateObject()) subScores[sub.Name] = FiniteNumber(sub.Value, $"sub-score \"{sub.Name}\"");
        }
        return new RewardOutput(FiniteNumber(score, "\"score\"")) { SubScores = subScores, Note = note };
    }

    static double FiniteNumber(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new FormatException($"{what} must be a finite number, got {Describe(value)}");

    static string? OptionalString(JsonElement result, string property) =>
        result.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => throw new FormatException($"\"{property}\" must be a string, got {Describe(value)}"),
        } : null;

    static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
