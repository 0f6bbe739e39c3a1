using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>The gated MLP of Llama and Qwen: <c>down(silu(gate(x)) * up(x))</c>.</summary>
public sealed class SwiGluMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "gate_proj")] readonly Projection _gate;
    [ComponentName(Name = "up_proj")] readonly Projection _up;
    [ComponentName(Name = "down_proj")] readonly Projection _down;

    public SwiGluMlp(DecoderConfig config, ModelPlacement placement) : base(nameof(SwiGluMlp))
    {
        _gate = new Projection(config.HiddenSize, config.IntermediateSize, config.MlpBias, placement);
        _up = new Projection(config.HiddenSize, config.IntermediateSize, config.MlpBias, placement);
        _down = new Projection(config.IntermediateSize, config.HiddenSize, config.MlpBias, placement);
        RegisterComponents();
    }

    public Projection Gate => _gate;
    public Projection Up => _up;
    public Projection Down => _down;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _down.forward(nn.functional.silu(_gate.forward(input)) * _up.forward(input)).MoveToOuterDisposeScope();
    }
}
