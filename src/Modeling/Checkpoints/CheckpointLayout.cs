using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// Checks a checkpoint's tensor names and shapes against what its config.json implies, from the headers alone:
/// the expected layout comes from a model built on the meta device, which allocates nothing.
/// </summary>
public static class CheckpointLayout
{
    /// <returns>Checkpoint tensors the model does not use.</returns>
    public static IReadOnlyList<string> Validate(string directory, DecoderConfig config,
        IReadOnlyDictionary<string, SafetensorsFile> sources)
    {
        using var meta = new CausalLanguageModel(config, ModelPlacement.Meta());
        return Validate(directory, meta.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList(),
            sources, $"a {config.Family.ModelType()} model with this config.json");
    }

    /// <summary>Checks <paramref name="expected"/> names and shapes against the checkpoint's headers.</summary>
    public static IReadOnlyList<string> Validate(string directory, IReadOnlyList<(string Name, long[] Shape)> expected,
        IReadOnlyDictionary<string, SafetensorsFile> sources, string needer)
    {
        foreach (var (name, shape) in expected)
        {
            if (!sources.TryGetValue(name, out var file))
                throw new ModelFormatException(directory, name, $"tensor missing from the checkpoint; {needer} needs it");
            var stored = file.Entries[name].Shape;
            if (!stored.SequenceEqual(shape))
                throw new ModelFormatException(file.Path, name,
                    $"shape [{string.Join(", ", stored)}] does not match config.json, which implies [{string.Join(", ", shape)}]");
        }
        var used = expected.Select(p => p.Name).ToHashSet();
        return sources.Keys
            .Where(name => !used.Contains(name) && !name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Copies each named parameter from the checkpoint, casting to the parameter's dtype.</summary>
    public static void CopyInto(IEnumerable<(string Name, Tensor Parameter)> parameters, IReadOnlyDictionary<string, SafetensorsFile> sources)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            using var stored = sources[name].Read(name);
            parameter.copy_(stored);
        }
    }
}
