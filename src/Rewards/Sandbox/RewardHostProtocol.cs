using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Wire;

namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// The JSON lines between a <see cref="ChildProcessReward"/> and its reward host, one message a line (samples and
/// results as in <see cref="RewardJson"/>):
/// <code>
/// host:   {"ready": {"name": "keywords"}}          or {"fatal": "why the reward could not load"} and exit
/// parent: {"id": 7, "samples": [...]}
/// host:   {"id": 7, "results": [...]}              or {"id": 7, "error": "...", "out_of_memory": false}
/// </code>
/// The parent sends the next request only after the reply to the last; closing the host's input ends it.
/// </summary>
internal static class RewardHostProtocol
{
    public static string Ready(string name) => new JsonObject { ["ready"] = new JsonObject { ["name"] = name } }.ToJsonString();

    public static string Fatal(string error) => new JsonObject { ["fatal"] = error }.ToJsonString();

    public static string Request(long id, IEnumerable<RewardInput> samples) => new JsonObject
    {
        ["id"] = id,
        ["samples"] = new JsonArray(samples.Select(s => (JsonNode?)RewardJson.WriteSample(s, withCompletionIds: true)).ToArray()),
    }.ToJsonString();

    public static string Results(long id, IEnumerable<RewardOutput> outputs) => new JsonObject
    {
        ["id"] = id,
        ["results"] = new JsonArray(outputs.Select(o => (JsonNode?)RewardJson.WriteResult(o)).ToArray()),
    }.ToJsonString();

    public static string Failure(long id, string error, bool outOfMemory = false) =>
        new JsonObject { ["id"] = id, ["error"] = error, ["out_of_memory"] = outOfMemory }.ToJsonString();

    /// <summary>The reward's name from the host's first line; a fatal line throws <see cref="ArgumentException"/> with its reason.</summary>
    public static string ReadStart(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.TryGetProperty("fatal", out var fatal)) throw new ArgumentException(fatal.GetString());
        return root.GetProperty("ready").GetProperty("name").GetString() ?? throw new FormatException("the ready message has no name");
    }

    public static (long Id, RewardInput[] Samples) ReadRequest(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return (root.GetProperty("id").GetInt64(), root.GetProperty("samples").EnumerateArray().Select(RewardJson.ReadSample).ToArray());
    }

    /// <summary>Reads a reply; a line of another shape throws <see cref="FormatException"/> or <see cref="JsonException"/>.</summary>
    public static RewardHostReply ReadReply(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || !id.TryGetInt64(out var number))
            throw new FormatException("a reply needs a numeric \"id\"");
        if (root.TryGetProperty("results", out var results))
            return new RewardHostReply(number, results.EnumerateArray().Select(RewardJson.ReadResult).ToArray(), null, false);
        var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
        var outOfMemory = root.TryGetProperty("out_of_memory", out var oom) && oom.ValueKind == JsonValueKind.True;
        return new RewardHostReply(number, null, error ?? throw new FormatException("a reply needs \"results\" or \"error\""), outOfMemory);
    }
}
