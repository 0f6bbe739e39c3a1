using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;

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
        var expected = meta.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList();
        foreach (var (name, shape) in expected)
        {
            if (!sources.TryGetValue(name, out var file))
                throw new ModelFormatException(directory, name,
                    $"tensor missing from the checkpoint; a {config.Family.ModelType()} model with this config.json needs it");
            var stored = file.Entries[name].Shape;
            if (!stored.SequenceEqual(shape))
                throw new ModelFormatException(file.Path, name,
                    $"shape [{string.Join(", ", stored)}] does not match config.json, which implies [{string.Join(", ", shape)}]");
        }
        var used = expected.Select(p => p.name).ToHashSet();
        return sources.Keys
            .Where(name => !used.Contains(name) && !name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }
}
