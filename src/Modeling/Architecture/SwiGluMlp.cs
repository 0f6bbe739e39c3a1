using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>The gated MLP of Llama and Qwen: <c>down(silu(gate(x)) * up(x))</c>.</summary>
public sealed class SwiGluMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "gate_proj")] readonly Linear _gate;
    [ComponentName(Name = "up_proj")] readonly Linear _up;
    [ComponentName(Name = "down_proj")] readonly Linear _down;

    public SwiGluMlp(DecoderConfig config, ModelPlacement placement) : base(nameof(SwiGluMlp))
    {
        _gate = Layers.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, placement);
        _up = Layers.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, placement);
        _down = Layers.Linear(config.IntermediateSize, config.HiddenSize, config.MlpBias, placement);
        RegisterComponents();
    }

    public Linear Gate => _gate;
    public Linear Up => _up;
    public Linear Down => _down;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _down.forward(nn.functional.silu(_gate.forward(input)) * _up.forward(input)).MoveToOuterDisposeScope();
    }
}
