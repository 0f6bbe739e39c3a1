using System.Text.Json.Nodes;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Modeling.Checkpoints;

/// <param name="UnusedKeys">Checkpoint tensors the model has no parameter for (Hugging Face warns about these too).</param>
/// <param name="GenerationConfig">The folder's generation_config.json, kept so that saving writes it back.</param>
public sealed record LoadedModel(
    DecoderConfig Config,
    CausalLanguageModel Model,
    IReadOnlyList<string> UnusedKeys,
    JsonObject? GenerationConfig);
