using System.Text.Json;

namespace PostTrain.Modeling.Tokenization;

/// <summary>JSON helpers whose errors name the file and key, as every tokenizer file error must.</summary>
internal static class JsonReading
{
    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new TokenizerFormatException($"{source}: malformed JSON ({e.Message})", e);
        }
    }

    public static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string source, string key)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value))
        {
            throw new TokenizerFormatException($"{source}: {key} is missing.");
        }

        if (value.ValueKind != kind)
        {
            throw new TokenizerFormatException($"{source}: {key} is {value.ValueKind}, expected {kind}.");
        }

        return value;
    }

    public static string? OptionalString(JsonElement parent, string name, string source, string key)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new TokenizerFormatException($"{source}: {key} is {value.ValueKind}, expected a string.");
    }
}
