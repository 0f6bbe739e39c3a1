using System.Text.Json;

namespace PostTrain.Modeling.Checkpoints;

internal static class SafetensorsHeader
{
    public static (Dictionary<string, SafetensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(
        string path, string headerText, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerText);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, null, $"the safetensors header is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(path, null, "the safetensors header is not a JSON object");
            var entries = new Dictionary<string, SafetensorsEntry>();
            var metadata = new Dictionary<string, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var item in property.Value.EnumerateObject())
                        metadata[item.Name] = item.Value.ToString();
                    continue;
                }
                entries[property.Name] = ParseEntry(path, property.Name, property.Value, dataLength);
            }
            return (entries, metadata);
        }
    }

    static SafetensorsEntry ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        try
        {
            var dtypeName = value.GetProperty("dtype").GetString() ?? "";
            if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
                throw new ModelFormatException(path, name,
                    $"dtype '{dtypeName}' is not supported; expected one of {string.Join(", ", SafetensorsDTypes.Names)}");
            var shape = value.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new ModelFormatException(path, name, "data_offsets must be [begin, end] with begin <= end");
            var entry = new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
            var expectedBytes = entry.ElementCount * SafetensorsDTypes.ElementSize(dtype);
            if (entry.End - entry.Begin != expectedBytes)
                throw new ModelFormatException(path, name,
                    $"shape [{string.Join(", ", shape)}] of {dtypeName} needs {expectedBytes} bytes but data_offsets span {entry.End - entry.Begin}");
            if (entry.End > dataLength)
                throw new ModelFormatException(path, name,
                    $"truncated: the tensor ends at data byte {entry.End} but the file holds only {dataLength} data bytes");
            return entry;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException(path, name, "header entry must have dtype, shape and data_offsets", e);
        }
    }
}
