using System.Globalization;
using System.Text.Json;

namespace PostTrain.Recipes.Data;

/// <summary>Reads the pieces of an example from JSON, throwing <see cref="DatasetFormatException"/> that names the field.</summary>
internal static class JsonFields
{
    public static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    public static string Keys(JsonElement obj) => $"[{string.Join(", ", obj.EnumerateObject().Select(p => p.Name))}]";

    /// <summary>The property, or null when absent or JSON null.</summary>
    public static JsonElement? Find(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement value, string field) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new DatasetFormatException($"'{field}': expected a string, got {KindOf(value)}");

    /// <summary>A scalar as text (numbers as written, booleans lower-case); null for objects, lists and null.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A ground truth: a scalar, or a list of scalars/objects kept as its JSON text (verl allows both).</summary>
    public static string GroundTruth(JsonElement value, string field) => Scalar(value) ?? value.ValueKind switch
    {
        JsonValueKind.Array or JsonValueKind.Object => value.GetRawText(),
        _ => throw new DatasetFormatException($"'{field}': expected a string, got {KindOf(value)}"),
    };

    public static IReadOnlyList<ChatMessage> Messages(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new DatasetFormatException($"'{field}': expected a list of messages, got {KindOf(value)}");
        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException($"'{at}': expected a message object with 'role' and 'content', got {KindOf(item)}");
            var role = Find(item, "role") ?? throw new DatasetFormatException($"'{at}': message has no 'role', got keys {Keys(item)}");
            var content = Find(item, "content") ?? throw new DatasetFormatException($"'{at}': message has no 'content', got keys {Keys(item)}");
            messages.Add(new ChatMessage(String(role, $"{at}.role"), Content(content, $"{at}.content")));
        }
        if (messages.Count == 0) throw new DatasetFormatException($"'{field}': the message list is empty");
        return messages;
    }

    /// <summary>Text or a message list.</summary>
    public static ChatContent TextOrMessages(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => ChatContent.FromText(value.GetString()!),
        JsonValueKind.Array => ChatContent.FromMessages(Messages(value, field)),
        _ => throw new DatasetFormatException($"'{field}': expected a string or a list of messages, got {KindOf(value)}"),
    };

    /// <summary>Message content: a string, or OpenAI-style parts whose <c>text</c> pieces are joined.</summary>
    private static string Content(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        if (value.ValueKind != JsonValueKind.Array)
            throw new DatasetFormatException($"'{field}': expected a string, got {KindOf(value)}");
        var parts = value.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object && Find(p, "text") is { } text
            ? String(text, $"{field}.text")
            : throw new DatasetFormatException($"'{field}': expected text parts ({{\"type\": \"text\", \"text\": ...}}), got {KindOf(p)}"));
        return string.Concat(parts);
    }

    public static string Id(JsonElement obj, string fallback) =>
        Find(obj, "id") is { } id && Scalar(id) is { } text ? text : fallback;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
