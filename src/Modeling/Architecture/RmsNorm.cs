using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>Root-mean-square norm, computed in float32 (or float64) whatever the weights' dtype, as <c>transformers</c> does.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    readonly double _epsilon;

    public RmsNorm(long size, double epsilon, ModelPlacement placement) : base(nameof(RmsNorm))
    {
        _epsilon = epsilon;
        _weight = new Parameter(ones(size, dtype: placement.DType, device: placement.Device));
        RegisterComponents();
    }

    [ComponentName(Name = "weight")]
    readonly Parameter _weight;

    public Parameter Weight => _weight;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var inputType = input.dtype;
        // float32 at least (as transformers), float64 when the model runs in float64 (exact-gradient tests).
        var hidden = input.to(inputType == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32);
        var variance = hidden.pow(2).mean([-1], keepdim: true);
        hidden = hidden * rsqrt(variance + _epsilon);
        return (_weight * hidden.to(inputType)).MoveToOuterDisposeScope();
    }
}
