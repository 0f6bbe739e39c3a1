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
        Rotary = new RotaryEmbedding(config);
        RegisterComponents();
    }

    public RotaryEmbedding Rotary { get; }

    public Embedding EmbedTokens => _embedTokens;
    public IList<DecoderLayer> Layers => _layers;
    public RmsNorm Norm => _norm;

    /// <summary>
    /// Final-normed hidden states [batch, time, hidden] for any layout (padding, packed documents); overrides put
    /// given embeddings in place of some tokens' (a video's frames).
    /// </summary>
    public Tensor Forward(Tensor inputIds, AttentionLayout layout, Tensor? positions = null, EmbeddingOverrides? overrides = null)
    {
        using var scope = NewDisposeScope();
        var time = inputIds.shape[1];
        var mask = layout.Mask(0, time, time);
        var hidden = Embed(inputIds, overrides);
        var (cos, sin) = Rotary.Angles(positions ?? layout.Positions, hidden.dtype);
        foreach (var layer in _layers)
            hidden = layer.Forward(hidden, cos, sin, mask);
        return _norm.forward(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>The input embeddings [batch, time, hidden]: token embeddings, with the overrides in their places.</summary>
    public Tensor Embed(Tensor inputIds, EmbeddingOverrides? overrides = null)
    {
        var embedded = _embedTokens.forward(inputIds);
        if (overrides is null) return embedded;
        using var scope = NewDisposeScope();
        return overrides.Apply(embedded).MoveToOuterDisposeScope();
    }
}
