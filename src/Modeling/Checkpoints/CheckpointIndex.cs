using System.Text.Json;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// Which file of a Hugging Face model folder holds each tensor: one <c>model.safetensors</c>, or the shards that
/// <c>model.safetensors.index.json</c>'s <c>weight_map</c> names.
/// </summary>
public static class CheckpointIndex
{
    public const string SingleFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    public static Dictionary<string, SafetensorsFile> Open(string directory)
    {
        var single = Path.Combine(directory, SingleFile);
        if (File.Exists(single))
        {
            var file = SafetensorsFile.Open(single);
            return file.Entries.Keys.ToDictionary(name => name, _ => file);
        }
        var index = Path.Combine(directory, IndexFile);
        if (File.Exists(index)) return OpenSharded(directory, index);
        throw new ModelFormatException(directory, null, $"no weights: expected {SingleFile} or {IndexFile}");
    }

    static Dictionary<string, SafetensorsFile> OpenSharded(string directory, string index)
    {
        Dictionary<string, string> weightMap;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(index));
            if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(index, "weight_map", "missing; expected an object of tensor name -> shard file");
            weightMap = map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(index, null, $"not valid JSON: {e.Message}", e);
        }

        var shards = new Dictionary<string, SafetensorsFile>();
        var result = new Dictionary<string, SafetensorsFile>();
        foreach (var (name, shardName) in weightMap)
        {
            if (shardName.Contains('/') || shardName.Contains('\\'))
                throw new ModelFormatException(index, $"weight_map.{name}", $"shard '{shardName}' must be a file name in the same folder");
            if (!shards.TryGetValue(shardName, out var shard))
                shards[shardName] = shard = SafetensorsFile.Open(Path.Combine(directory, shardName));
            if (!shard.Entries.ContainsKey(name))
                throw new ModelFormatException(shard.Path, name, $"listed in {IndexFile} but not in the shard");
            result[name] = shard;
        }
        return result;
    }
}
