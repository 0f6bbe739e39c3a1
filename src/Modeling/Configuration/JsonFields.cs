using System.Text.Json;

namespace PostTrain.Modeling.Configuration;

/// <summary>Typed reads of one JSON object that report the file and key of anything missing or malformed.</summary>
internal sealed class JsonFields(string file, JsonElement obj, string prefix = "")
{
    public string File { get; } = file;

    /// <summary>Parses <paramref name="json"/> (a JSON object) and reads it; malformed JSON names the file, line and byte.</summary>
    public static T ReadObject<T>(string json, string file, Func<JsonFields, JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(file, null,
                $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(file, null, "expected a JSON object at the top level");
            return read(new JsonFields(file, document.RootElement), document.RootElement);
        }
    }

    public bool Has(string key) =>
        obj.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    public int RequiredInt(string key) => OptionalInt(key) ?? throw Missing(key, "an integer");

    public int? OptionalInt(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        throw Wrong(key, "an integer", value);
    }

    public double? OptionalDouble(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        throw Wrong(key, "a number", value);
    }

    public bool? OptionalBool(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        throw Wrong(key, "true or false", value);
    }

    public string? OptionalString(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        throw Wrong(key, "a string", value);
    }

    public string RequiredString(string key) => OptionalString(key) ?? throw Missing(key, "a string");

    /// <summary>An integer or a list of integers (Hugging Face writes <c>eos_token_id</c> both ways).</summary>
    public IReadOnlyList<int> IntOrIntList(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var single)) return [single];
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Select(item =>
                item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n)
                    ? n
                    : throw Wrong(key, "an integer or a list of integers", value)).ToList();
        throw Wrong(key, "an integer or a list of integers", value);
    }

    public JsonFields? OptionalObject(string key)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Wrong(key, "an object", value);
        return new JsonFields(File, value, prefix + key + ".");
    }

    public ModelFormatException Invalid(string key, string problem) => new(File, prefix + key, problem);

    ModelFormatException Missing(string key, string expected) =>
        new(File, prefix + key, $"missing; expected {expected}");

    ModelFormatException Wrong(string key, string expected, JsonElement actual) =>
        new(File, prefix + key, $"expected {expected}, found {actual.ValueKind.ToString().ToLowerInvariant()} {Shorten(actual.GetRawText())}");

    static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
