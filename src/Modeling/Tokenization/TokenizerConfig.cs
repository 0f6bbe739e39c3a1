using System.Text.Json;

namespace PostTrain.Modeling.Tokenization;

/// <summary>The parts of Hugging Face <c>tokenizer_config.json</c> PostTrain uses.</summary>
public sealed record TokenizerConfig(string? BosToken, string? EosToken, string? PadToken, string? ChatTemplate)
{
    public static TokenizerConfig Empty { get; } = new(null, null, null, null);

    /// <summary>Reads the config text; tokens may be strings or <c>{"content": ...}</c> objects.</summary>
    public static TokenizerConfig Parse(string json, string source)
    {
        using JsonDocument document = JsonReading.Parse(json, source);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerFormatException($"{source}: the root is {root.ValueKind}, expected an object.");
        }

        return new TokenizerConfig(
            ReadToken(root, "bos_token", source),
            ReadToken(root, "eos_token", source),
            ReadToken(root, "pad_token", source),
            ReadChatTemplate(root, source));
    }

    private static string? ReadToken(JsonElement root, string key, string source)
    {
        if (!root.TryGetProperty(key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => JsonReading.OptionalString(value, "content", source, key + ".content"),
            _ => throw new TokenizerFormatException($"{source}: {key} is {value.ValueKind}, expected a string or an object with 'content'."),
        };
    }

    private static string? ReadChatTemplate(JsonElement root, string source)
    {
        if (!root.TryGetProperty("chat_template", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        // Some configs hold named templates: [{"name": "default", "template": "..."}, ...].
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement entry in value.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object
                    && JsonReading.OptionalString(entry, "name", source, "chat_template[].name") == "default")
                {
                    return JsonReading.OptionalString(entry, "template", source, "chat_template[].template");
                }
            }
        }

        throw new TokenizerFormatException($"{source}: chat_template is neither a string nor a list with a 'default' entry.");
    }
}
