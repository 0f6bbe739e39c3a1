using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// A vision encoder beside a language model in one folder: <c>vision_config.json</c> and <c>vision.safetensors</c>.
/// Saving writes (atomically) only those two files, so the language model's files are left as they are.
/// </summary>
public static class VisionEncoderFiles
{
    public const string WeightsFileName = "vision.safetensors";

    /// <summary>True when the folder has a vision_config.json (then <see cref="Load"/> also needs the weights).</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, VisionConfigFile.FileName));

    public static void Save(string folder, VisionEncoder encoder)
    {
        Directory.CreateDirectory(folder);
        var tensors = encoder.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        SafetensorsWriter.Write(Path.Combine(folder, WeightsFileName), tensors);
        AtomicFile.WriteText(Path.Combine(folder, VisionConfigFile.FileName),
            VisionConfigFile.ToJson(encoder.Config, TorchDTypeNames.NameOf(encoder.Placement.DType)));
    }

    /// <summary>Loads the encoder onto <paramref name="placement"/>, casting the stored weights to its dtype.</summary>
    public static VisionEncoder Load(string folder, ModelPlacement placement)
    {
        var config = VisionConfigFile.Read(Path.Combine(folder, VisionConfigFile.FileName));
        var weightsPath = Path.Combine(folder, WeightsFileName);
        if (!File.Exists(weightsPath))
            throw new ModelFormatException(weightsPath, null, $"file not found; {VisionConfigFile.FileName} is there but the encoder's weights are not");
        var weights = SafetensorsFile.Open(weightsPath);
        var encoder = new VisionEncoder(config, placement);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in encoder.named_parameters())
        {
            if (!weights.Entries.TryGetValue(name, out var entry))
                throw new ModelFormatException(weightsPath, name, $"tensor missing; the encoder that {VisionConfigFile.FileName} describes needs it");
            if (!entry.Shape.SequenceEqual(parameter.shape))
                throw new ModelFormatException(weightsPath, name,
                    $"shape [{string.Join(", ", entry.Shape)}] does not match {VisionConfigFile.FileName}, which implies [{string.Join(", ", parameter.shape)}]");
            using var stored = weights.Read(name);
            parameter.copy_(stored);
        }
        return encoder;
    }
}
