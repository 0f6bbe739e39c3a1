using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Presets;

/// <summary>Builds a config from a preset and initialises weights as <c>transformers</c>' <c>_init_weights</c> does.</summary>
public static class RandomModelFactory
{
    public static DecoderConfig Config(ModelFamily family, ModelPreset preset, int vocabSize,
        int? bosTokenId, IReadOnlyList<int> eosTokenIds, int? padTokenId, bool tieWordEmbeddings) => new()
    {
        Family = family,
        VocabSize = vocabSize,
        HiddenSize = preset.HiddenSize,
        IntermediateSize = preset.IntermediateSize,
        NumHiddenLayers = preset.Layers,
        NumAttentionHeads = preset.Heads,
        NumKeyValueHeads = preset.KeyValueHeads,
        HeadDim = preset.HeadDim,
        MaxPositionEmbeddings = preset.MaxPositionEmbeddings,
        RmsNormEps = 1e-6,
        RopeTheta = family == ModelFamily.Llama ? 500000.0 : 1000000.0,
        TieWordEmbeddings = tieWordEmbeddings,
        AttentionBias = family == ModelFamily.Qwen2,
        TorchDtype = "float32",
        BosTokenId = bosTokenId,
        EosTokenIds = eosTokenIds,
        PadTokenId = padTokenId,
    };

    /// <summary>Normal(0, initializer_range) for matrices and embeddings, zero biases, unit norm weights.</summary>
    public static CausalLanguageModel Create(DecoderConfig config, ModelPlacement placement, long seed)
    {
        var model = new CausalLanguageModel(config, placement);
        var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.Ordinal)) parameter.fill_(1.0);
                else if (name.EndsWith(".bias", StringComparison.Ordinal)) parameter.zero_();
                else parameter.normal_(0.0, config.InitializerRange, generator);
            }
        }
        return model;
    }
}
