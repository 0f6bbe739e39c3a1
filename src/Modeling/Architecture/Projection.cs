using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// A linear layer (<c>weight</c> [out, in], optional <c>bias</c>, Hugging Face key names) whose product is arranged
/// for the shape at hand: see <see cref="Apply"/>.
/// </summary>
public sealed class Projection : nn.Module<Tensor, Tensor>
{
    // Below this many rows (decode steps, short prompts) W x^T beats x W^T on libtorch's CPU kernels: 1.5x measured
    // for 32 rows against [1408, 512] and [50257, 512] weights on 2 cores.
    const long FewRows = 64;

    [ComponentName(Name = "weight")] readonly Parameter _weight;
    [ComponentName(Name = "bias")] readonly Parameter? _bias;

    public Projection(long input, long output, bool bias, ModelPlacement placement) : base(nameof(Projection))
    {
        _weight = new Parameter(empty(output, input, placement.DType, placement.Device));
        if (bias) _bias = new Parameter(empty(output, dtype: placement.DType, device: placement.Device));
        if (placement.Device.type != DeviceType.META)
        {
            // nn.Linear's default initialisation; loading or RandomModelFactory overwrite it.
            using var noGrad = no_grad();
            nn.init.kaiming_uniform_(_weight, Math.Sqrt(5));
            _bias?.uniform_(-1 / Math.Sqrt(input), 1 / Math.Sqrt(input));
        }
        RegisterComponents();
    }

    public Parameter Weight => _weight;
    public Parameter? Bias => _bias;

    /// <summary>An adapter whose output is added to this projection's (LoRA); null for none.</summary>
    public IProjectionAdapter? Adapter { get; set; }

    public override Tensor forward(Tensor input)
    {
        if (Adapter is null) return Apply(input, _weight, _bias);
        using var scope = NewDisposeScope();
        return (Apply(input, _weight, _bias) + Adapter.Delta(input)).MoveToOuterDisposeScope();
    }

    /// <summary>x W^T + b over the last dimension of <paramref name="input"/>.</summary>
    public static Tensor Apply(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var rows = input.NumberOfElements / input.shape[^1];
        if (rows > FewRows) return nn.functional.linear(input, weight, bias);
        using var scope = NewDisposeScope();
        var output = weight.matmul(input.reshape(rows, input.shape[^1]).t()).t();
        if (bias is not null) output = output + bias;
        return output.reshape([.. input.shape[..^1], weight.shape[0]]).MoveToOuterDisposeScope();
    }
}
