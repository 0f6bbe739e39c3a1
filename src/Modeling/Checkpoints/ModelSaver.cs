using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// Saves a model in Hugging Face layout: config.json, generation_config.json and model.safetensors, or shards plus
/// model.safetensors.index.json when the weights exceed <c>maxShardBytes</c>. Every file is written atomically and
/// the index last; weight files of an earlier save that the new one does not use are then removed.
/// </summary>
public static class ModelSaver
{
    public const long DefaultMaxShardBytes = 5L * 1024 * 1024 * 1024; // transformers' default "5GB"

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Save(CausalLanguageModel model, string directory, JsonObject? generationConfig = null,
        long maxShardBytes = DefaultMaxShardBytes)
    {
        var tensors = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        var config = WithStoredDtype(model.Config, tensors, model.Placement.DType);
        Save(tensors, DecoderConfigWriter.ToJson(config), directory, generationConfig ?? GenerationConfigFile.Default(config), maxShardBytes);
    }

    /// <summary>Saves named weights with a config.json (and generation_config.json when given) in Hugging Face layout.</summary>
    public static void Save(IReadOnlyList<(string Name, Tensor Tensor)> tensors, JsonObject config, string directory,
        JsonObject? generationConfig, long maxShardBytes = DefaultMaxShardBytes)
    {
        Directory.CreateDirectory(directory);
        var shards = Shard(tensors.ToList(), maxShardBytes);
        var written = new List<string>();
        if (shards.Count == 1)
        {
            SafetensorsWriter.Write(Path.Combine(directory, CheckpointIndex.SingleFile), shards[0]);
            written.Add(CheckpointIndex.SingleFile);
        }
        else
        {
            var weightMap = new JsonObject();
            for (var i = 0; i < shards.Count; i++)
            {
                var name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
                SafetensorsWriter.Write(Path.Combine(directory, name), shards[i]);
                written.Add(name);
                foreach (var (key, _) in shards[i].OrderBy(t => t.Name, StringComparer.Ordinal)) weightMap[key] = name;
            }
            var index = new JsonObject
            {
                ["metadata"] = new JsonObject { ["total_size"] = tensors.Sum(t => Bytes(t.Tensor)) },
                ["weight_map"] = weightMap,
            };
            AtomicFile.WriteText(Path.Combine(directory, CheckpointIndex.IndexFile), index.ToJsonString(Indented));
            written.Add(CheckpointIndex.IndexFile);
        }
        AtomicFile.WriteText(Path.Combine(directory, "config.json"), config.ToJsonString(Indented));
        if (generationConfig is not null)
            AtomicFile.WriteText(Path.Combine(directory, GenerationConfigFile.FileName), generationConfig.DeepClone().ToJsonString(Indented));
        RemoveStaleWeights(directory, written);
    }

    /// <summary>The config with <c>torch_dtype</c> set to the dtype the weights are stored in.</summary>
    public static DecoderConfig WithStoredDtype(DecoderConfig config, IReadOnlyList<(string Name, Tensor Tensor)> tensors, ScalarType fallback) =>
        config with { TorchDtype = TorchDTypeNames.NameOf(tensors.Count > 0 ? tensors[0].Tensor.dtype : fallback) };

    static List<List<(string Name, Tensor Tensor)>> Shard(List<(string Name, Tensor Tensor)> tensors, long maxShardBytes)
    {
        var shards = new List<List<(string, Tensor)>> { new() };
        long current = 0;
        foreach (var item in tensors)
        {
            var size = Bytes(item.Item2);
            if (current > 0 && current + size > maxShardBytes)
            {
                shards.Add(new());
                current = 0;
            }
            shards[^1].Add(item);
            current += size;
        }
        return shards;
    }

    static void RemoveStaleWeights(string directory, List<string> written)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "model*.safetensors*"))
        {
            var name = Path.GetFileName(path);
            if (!written.Contains(name) && (name.EndsWith(".safetensors", StringComparison.Ordinal) || name == CheckpointIndex.IndexFile))
                File.Delete(path);
        }
    }

    static long Bytes(Tensor tensor) => tensor.NumberOfElements * SafetensorsDTypes.ElementSize(tensor.dtype);
}
