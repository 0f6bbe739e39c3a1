using System.Text.Json;

namespace PostTrain.Recipes.Data;

/// <summary>Turns one JSON object (a JSONL line, or a Parquet row seen as JSON) into an example of the asked-for layout.</summary>
internal static class ExampleParser
{
    public static DatasetExample Parse(JsonElement root, DatasetKind kind, DatasetReadOptions options, string fallbackId)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new DatasetFormatException($"expected a JSON object, got {JsonFields.KindOf(root)}");
        var id = JsonFields.Id(root, fallbackId);
        return kind switch
        {
            DatasetKind.Rl => Rl(root, id, options),
            DatasetKind.Sft => Sft(root, id),
            DatasetKind.Preference => Preference(root, id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>verl: <c>prompt</c>, <c>reward_model.ground_truth</c> (or <c>ground_truth</c>/<c>answer</c>), <c>data_source</c>, <c>extra_info</c>.</summary>
    private static RlExample Rl(JsonElement root, string id, DatasetReadOptions options)
    {
        var prompt = JsonFields.Find(root, "prompt")
            ?? throw new DatasetFormatException($"expected a JSON object with 'prompt', got keys {JsonFields.Keys(root)}");
        var groundTruth = GroundTruth(root);
        if (groundTruth is null && options.RequireGroundTruth)
            throw new DatasetFormatException("no ground truth: expected 'reward_model.ground_truth', 'ground_truth' or 'answer'");
        var metadata = new Dictionary<string, string>();
        foreach (var name in (string[])["extra_info", "metadata"])
        {
            if (JsonFields.Find(root, name) is not { } extra) continue;
            if (extra.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException($"'{name}': expected an object, got {JsonFields.KindOf(extra)}");
            foreach (var property in extra.EnumerateObject())
                if (JsonFields.Scalar(property.Value) is { } value) metadata[property.Name] = value;
        }
        foreach (var name in (string[])["data_source", "ability"])
            if (JsonFields.Find(root, name) is { } value && JsonFields.Scalar(value) is { } text) metadata[name] = text;
        return new RlExample(id, JsonFields.TextOrMessages(prompt, "prompt"), groundTruth, metadata) { Video = VideoPath(root) };
    }

    /// <summary><c>video</c>: a path to a video file or a folder of frames.</summary>
    private static string? VideoPath(JsonElement root) => JsonFields.Find(root, "video") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value when value.GetString() is { Length: > 0 } path => path,
        { } value => throw new DatasetFormatException($"'video': expected the path of a video file or a folder of frames, got {JsonFields.KindOf(value)}"),
    };

    private static string? GroundTruth(JsonElement root)
    {
        if (JsonFields.Find(root, "reward_model") is { } model)
        {
            if (model.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException($"'reward_model': expected an object, got {JsonFields.KindOf(model)}");
            if (JsonFields.Find(model, "ground_truth") is { } truth) return JsonFields.GroundTruth(truth, "reward_model.ground_truth");
        }
        foreach (var name in (string[])["ground_truth", "answer"])
            if (JsonFields.Find(root, name) is { } value) return JsonFields.GroundTruth(value, name);
        return null;
    }

    /// <summary><c>messages</c>, or a <c>prompt</c> with a <c>completion</c>/<c>response</c> (text or messages).</summary>
    private static SftExample Sft(JsonElement root, string id)
    {
        if (JsonFields.Find(root, "messages") is { } messages) return new SftExample(id, JsonFields.Messages(messages, "messages")) { Video = VideoPath(root) };
        var prompt = JsonFields.Find(root, "prompt");
        var (answerField, answer) = JsonFields.Find(root, "completion") is { } c ? ("completion", c)
            : JsonFields.Find(root, "response") is { } r ? ("response", r) : ("", default(JsonElement?));
        if (prompt is null || answer is null)
            throw new DatasetFormatException(
                $"expected a JSON object with 'messages' (or 'prompt' and 'completion'/'response'), got keys {JsonFields.Keys(root)}");
        var turns = new List<ChatMessage>(JsonFields.TextOrMessages(prompt.Value, "prompt").AsMessages("user"));
        turns.AddRange(JsonFields.TextOrMessages(answer.Value, answerField).AsMessages("assistant"));
        return new SftExample(id, turns) { Video = VideoPath(root) };
    }

    /// <summary><c>prompt</c>, <c>chosen</c>, <c>rejected</c>; without a prompt, the shared leading messages of chosen and rejected are the prompt (TRL's implicit form).</summary>
    private static PreferenceExample Preference(JsonElement root, string id)
    {
        var chosenValue = JsonFields.Find(root, "chosen");
        var rejectedValue = JsonFields.Find(root, "rejected");
        if (chosenValue is null || rejectedValue is null)
            throw new DatasetFormatException($"expected a JSON object with 'prompt', 'chosen' and 'rejected', got keys {JsonFields.Keys(root)}");
        var chosen = JsonFields.TextOrMessages(chosenValue.Value, "chosen");
        var rejected = JsonFields.TextOrMessages(rejectedValue.Value, "rejected");
        if (JsonFields.Find(root, "prompt") is { } promptValue)
            return new PreferenceExample(id, JsonFields.TextOrMessages(promptValue, "prompt"), chosen, rejected);
        if (chosen.Messages is not { } c || rejected.Messages is not { } r)
            throw new DatasetFormatException($"expected a JSON object with 'prompt', 'chosen' and 'rejected', got keys {JsonFields.Keys(root)}");
        var shared = 0;
        while (shared < c.Count - 1 && shared < r.Count - 1 && c[shared] == r[shared]) shared++;
        if (shared == 0)
            throw new DatasetFormatException("no 'prompt', and 'chosen' and 'rejected' share no leading messages to take as one");
        return new PreferenceExample(id, ChatContent.FromMessages(c.Take(shared).ToList()),
            ChatContent.FromMessages(c.Skip(shared).ToList()), ChatContent.FromMessages(r.Skip(shared).ToList()));
    }
}
