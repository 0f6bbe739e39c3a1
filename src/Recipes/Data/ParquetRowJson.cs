using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PostTrain.Recipes.Data;

/// <summary>
/// Turns one row of Parquet.Net's untyped reading (structs as dictionaries, lists as lists) into JSON, so that Parquet
/// rows go through the same layout parser as JSONL lines. Columns that hold a message list as a JSON string (a common
/// flat export) are parsed back into a list.
/// </summary>
internal static class ParquetRowJson
{
    /// <summary>Columns that may hold a JSON-encoded message list instead of text or a nested list.</summary>
    private static readonly HashSet<string> MessageColumns = ["messages", "prompt", "chosen", "rejected", "completion", "response"];

    public static JsonDocument ToJson(IDictionary<string, object?> row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in row)
            {
                writer.WritePropertyName(name);
                if (MessageColumns.Contains(name) && value is string text && EncodedMessages(text) is { } raw) writer.WriteRawValue(raw);
                else Write(writer, value);
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>The text itself when it is a JSON list of objects that all have a <c>role</c>; otherwise null (plain text).</summary>
    private static string? EncodedMessages(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('[')) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root.EnumerateArray()
                .All(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out _)) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case byte[] bytes: writer.WriteStringValue(Encoding.UTF8.GetString(bytes)); break;
            case float or double or decimal:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("E", "e", StringComparison.Ordinal)); break;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            case DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
