using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// A Qwen2, Qwen3 or Llama decoder with its language-model head (<c>*ForCausalLM</c>). Parameter names equal
/// Hugging Face's checkpoint keys. With tied embeddings the head reuses <c>model.embed_tokens.weight</c> and has no
/// parameter of its own.
/// </summary>
public sealed class CausalLanguageModel : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "model")] readonly DecoderBackbone _model;
    [ComponentName(Name = "lm_head")] readonly Projection? _lmHead;

    public CausalLanguageModel(DecoderConfig config, ModelPlacement placement) : base(nameof(CausalLanguageModel))
    {
        // The config travels with the weights, so it states their dtype (meta models have no dtype to state).
        Config = config with { TorchDtype = TorchDTypeNames.NameOf(placement.DType) };
        Placement = placement;
        _model = new DecoderBackbone(config, placement);
        if (!config.TieWordEmbeddings)
            _lmHead = new Projection(config.HiddenSize, config.VocabSize, bias: false, placement);
        RegisterComponents();
    }

    public DecoderConfig Config { get; }
    public ModelPlacement Placement { get; }
    public RotaryEmbedding Rotary => _model.Rotary;
    public DecoderBackbone Backbone => _model;

    /// <summary>The head's weight [vocab, hidden]: lm_head's own, or the embeddings when tied.</summary>
    public Tensor LmHeadWeight => _lmHead?.Weight ?? _model.EmbedTokens.weight!;

    /// <summary>Logits [batch, time, vocab] for token ids [batch, time] with no padding.</summary>
    public override Tensor forward(Tensor inputIds) => Forward(inputIds);

    /// <summary>
    /// Logits [batch, time, vocab]. <paramref name="paddingMask"/> is [batch, time] with 1 for real tokens (left or
    /// right padding); positions then count real tokens only unless <paramref name="positions"/> are given.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor? paddingMask = null, Tensor? positions = null, EmbeddingOverrides? overrides = null)
    {
        using var scope = NewDisposeScope();
        return Logits(HiddenStates(inputIds, paddingMask, positions, overrides)).MoveToOuterDisposeScope();
    }

    /// <summary>Final-normed hidden states [batch, time, hidden].</summary>
    public Tensor HiddenStates(Tensor inputIds, Tensor? paddingMask = null, Tensor? positions = null, EmbeddingOverrides? overrides = null)
    {
        var layout = paddingMask is null
            ? AttentionLayout.Causal(inputIds.shape[0], inputIds.shape[1], inputIds.device)
            : AttentionLayout.FromPadding(paddingMask);
        return HiddenStates(inputIds, layout, positions, overrides);
    }

    /// <summary>
    /// Final-normed hidden states [batch, time, hidden] for any layout (padding, packed documents); overrides put given
    /// embeddings in place of some tokens' (a video's frames).
    /// </summary>
    public Tensor HiddenStates(Tensor inputIds, AttentionLayout layout, Tensor? positions = null, EmbeddingOverrides? overrides = null) =>
        _model.Forward(inputIds, layout, positions, overrides);

    /// <summary>Applies the language-model head to hidden states (any leading shape).</summary>
    public Tensor Logits(Tensor hidden) => Projection.Apply(hidden, LmHeadWeight);
}
