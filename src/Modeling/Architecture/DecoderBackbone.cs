using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>Hugging Face's inner <c>model</c>: token embeddings, the decoder layers and the final norm.</summary>
public sealed class DecoderBackbone : nn.Module
{
    [ComponentName(Name = "embed_tokens")] readonly Embedding _embedTokens;
    [ComponentName(Name = "layers")] readonly ModuleList<DecoderLayer> _layers;
    [ComponentName(Name = "norm")] readonly RmsNorm _norm;

    public DecoderBackbone(DecoderConfig config, ModelPlacement placement) : base(nameof(DecoderBackbone))
    {
        _embedTokens = nn.Embedding(config.VocabSize, config.HiddenSize, device: placement.Device, dtype: placement.DType);
        _layers = new ModuleList<DecoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new DecoderLayer(config, placement)).ToArray());
        _norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, placement);
        RegisterComponents();
    }

    public Embedding EmbedTokens => _embedTokens;
    public IList<DecoderLayer> Layers => _layers;
    public RmsNorm Norm => _norm;
}
