using System.Text.Json;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Wire;

namespace PostTrain.Rewards.Remote;

/// <summary>
/// Reads a judge's response body: <c>{"results": [...]}</c> or a bare JSON array, one result per sample in order,
/// each a result object or a number (<see cref="RewardJson.ReadResult"/>). A body that is not JSON, has another shape
/// or the wrong number of results fails every sample of the request; a single bad result fails only its sample.
/// </summary>
internal static class HttpRewardResponse
{
    public static RewardOutput[] Parse(string body, int sampleCount, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Fail(sampleCount, $"{source}: the response is not valid JSON ({e.Message}): {Excerpt(body)}");
        }
        using (document)
        {
            var root = document.RootElement;
            var results = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array ? r
                : (JsonElement?)null;
            if (results is not { } list)
                return Fail(sampleCount, $"{source}: expected {{\"results\": [...]}} or a JSON array, got: {Excerpt(body)}");
            if (list.GetArrayLength() != sampleCount)
                return Fail(sampleCount, $"{source}: returned {list.GetArrayLength()} results for {sampleCount} samples");
            return list.EnumerateArray().Select((result, i) => ReadOne(result, i, source)).ToArray();
        }
    }

    static RewardOutput ReadOne(JsonElement result, int index, string source)
    {
        try
        {
            var output = RewardJson.ReadResult(result);
            return output.Failed ? output with { Error = $"{source}: the judge reported: {output.Error}" } : output;
        }
        catch (FormatException e)
        {
            return RewardOutput.Failure($"{source}: result {index} {e.Message}");
        }
    }

    public static RewardOutput[] Fail(int count, string error) =>
        Enumerable.Range(0, count).Select(_ => RewardOutput.Failure(error)).ToArray();

    /// <summary>The start of a body on one line, enough to recognise an error page without flooding a log.</summary>
    public static string Excerpt(string body, int length = 200)
    {
        var line = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? "(empty body)" : line.Length <= length ? line : line[..length] + "...";
    }
}
