using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>Loads a Hugging Face model folder (config.json plus safetensors weights) into a <see cref="CausalLanguageModel"/>.</summary>
public static class ModelLoader
{
    /// <param name="dtype">Weights' dtype in memory; null keeps the config's <c>torch_dtype</c>.</param>
    public static LoadedModel Load(string directory, Device? device = null, ScalarType? dtype = null)
    {
        if (!Directory.Exists(directory))
            throw new ModelFormatException(directory, null, "model folder not found");
        var configPath = Path.Combine(directory, "config.json");
        var config = DecoderConfigReader.ReadFile(configPath);
        var weightType = dtype ?? TorchDTypeNames.Parse(config.TorchDtype, configPath, "torch_dtype");
        var sources = CheckpointIndex.Open(directory);

        var model = new CausalLanguageModel(config, new ModelPlacement(device ?? CPU, weightType));
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (!sources.TryGetValue(name, out var file))
                    throw new ModelFormatException(directory, name,
                        $"tensor missing from the checkpoint; a {config.Family.ModelType()} model with this config.json needs it");
                var entry = file.Entries[name];
                if (!entry.Shape.SequenceEqual(parameter.shape))
                    throw new ModelFormatException(file.Path, name,
                        $"shape [{string.Join(", ", entry.Shape)}] does not match config.json, which implies [{string.Join(", ", parameter.shape)}]");
                using var stored = file.Read(name);
                parameter.copy_(stored);
            }
        }
        var used = model.named_parameters().Select(p => p.name).ToHashSet();
        var unused = sources.Keys.Where(name => !used.Contains(name) && !name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        return new LoadedModel(config, model, unused, GenerationConfigFile.Read(directory));
    }
}
