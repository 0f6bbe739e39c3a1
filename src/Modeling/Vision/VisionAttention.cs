using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>Bidirectional multi-head self-attention over one frame's patches: fused qkv projection, SDPA, output projection.</summary>
public sealed class VisionAttention : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "qkv")] readonly Linear _qkv;
    [ComponentName(Name = "proj")] readonly Linear _output;
    readonly int _heads;
    readonly int _headDim;

    public VisionAttention(VisionConfig config, ModelPlacement placement) : base(nameof(VisionAttention))
    {
        _heads = config.NumHeads;
        _headDim = config.HeadDim;
        _qkv = nn.Linear(config.HiddenSize, 3L * config.HiddenSize, hasBias: true, placement.Device, placement.DType);
        _output = nn.Linear(config.HiddenSize, config.HiddenSize, hasBias: true, placement.Device, placement.DType);
        RegisterComponents();
    }

    /// <summary>[frames, patches, hidden] to the same shape.</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var (frames, patches) = (hidden.shape[0], hidden.shape[1]);
        var qkv = _qkv.forward(hidden).view(frames, patches, 3, _heads, _headDim).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], null, 0.0, false);
        var merged = attended.transpose(1, 2).reshape(frames, patches, (long)_heads * _headDim);
        return _output.forward(merged).MoveToOuterDisposeScope();
    }
}
