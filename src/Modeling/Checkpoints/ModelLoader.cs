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
        var (config, sources) = Open(directory);
        var unused = CheckpointLayout.Validate(directory, config, sources);
        var weightType = dtype ?? TorchDTypeNames.Parse(config.TorchDtype, Path.Combine(directory, "config.json"), "torch_dtype");

        var model = new CausalLanguageModel(config, new ModelPlacement(device ?? CPU, weightType));
        CheckpointLayout.CopyInto(model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), sources);
        return new LoadedModel(model.Config, model, unused, GenerationConfigFile.Read(directory));
    }

    /// <summary>Reads config.json and the safetensors headers, without reading any tensor data.</summary>
    public static (DecoderConfig Config, Dictionary<string, SafetensorsFile> Sources) Open(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ModelFormatException(directory, null, "model folder not found");
        var config = DecoderConfigReader.ReadFile(Path.Combine(directory, "config.json"));
        return (config, CheckpointIndex.Open(directory));
    }
}
