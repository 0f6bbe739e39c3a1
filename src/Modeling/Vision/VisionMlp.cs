using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>fc2(gelu(fc1(x))), hidden -> intermediate -> hidden.</summary>
public sealed class VisionMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc1")] readonly Linear _up;
    [ComponentName(Name = "fc2")] readonly Linear _down;

    public VisionMlp(VisionConfig config, ModelPlacement placement) : base(nameof(VisionMlp))
    {
        _up = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: true, placement.Device, placement.DType);
        _down = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: true, placement.Device, placement.DType);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return _down.forward(nn.functional.gelu(_up.forward(hidden))).MoveToOuterDisposeScope();
    }
}
