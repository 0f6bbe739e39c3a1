using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>Pre-norm transformer block: x + attn(norm(x)), then x + mlp(norm(x)).</summary>
public sealed class DecoderLayer : nn.Module
{
    [ComponentName(Name = "self_attn")] readonly Attention _attention;
    [ComponentName(Name = "mlp")] readonly SwiGluMlp _mlp;
    [ComponentName(Name = "input_layernorm")] readonly RmsNorm _inputNorm;
    [ComponentName(Name = "post_attention_layernorm")] readonly RmsNorm _postAttentionNorm;

    public DecoderLayer(DecoderConfig config, ModelPlacement placement) : base(nameof(DecoderLayer))
    {
        _attention = new Attention(config, placement);
        _mlp = new SwiGluMlp(config, placement);
        _inputNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, placement);
        _postAttentionNorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, placement);
        RegisterComponents();
    }

    public Attention SelfAttention => _attention;
    public SwiGluMlp Mlp => _mlp;
    public RmsNorm InputNorm => _inputNorm;
    public RmsNorm PostAttentionNorm => _postAttentionNorm;

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hidden + _attention.Forward(_inputNorm.forward(hidden), cos, sin, mask);
        return FeedForward(afterAttention).MoveToOuterDisposeScope();
    }

    /// <summary>The second half of the block: x + mlp(norm(x)).</summary>
    public Tensor FeedForward(Tensor afterAttention)
    {
        using var scope = NewDisposeScope();
        return (afterAttention + _mlp.forward(_postAttentionNorm.forward(afterAttention))).MoveToOuterDisposeScope();
    }
}
