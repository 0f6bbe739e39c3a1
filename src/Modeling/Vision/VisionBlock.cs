using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>A pre-norm transformer block: x + attn(norm1(x)), then x + fc2(gelu(fc1(norm2(x)))).</summary>
public sealed class VisionBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm1")] readonly LayerNorm _attentionNorm;
    [ComponentName(Name = "attn")] readonly VisionAttention _attention;
    [ComponentName(Name = "norm2")] readonly LayerNorm _mlpNorm;
    [ComponentName(Name = "mlp")] readonly VisionMlp _mlp;

    public VisionBlock(VisionConfig config, ModelPlacement placement) : base(nameof(VisionBlock))
    {
        _attentionNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: placement.Device, dtype: placement.DType);
        _attention = new VisionAttention(config, placement);
        _mlpNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: placement.Device, dtype: placement.DType);
        _mlp = new VisionMlp(config, placement);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var attended = hidden + _attention.forward(_attentionNorm.forward(hidden));
        return (attended + _mlp.forward(_mlpNorm.forward(attended))).MoveToOuterDisposeScope();
    }
}
