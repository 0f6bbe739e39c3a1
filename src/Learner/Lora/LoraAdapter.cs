using PostTrain.Modeling.Architecture;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace PostTrain.Learner.Lora;

/// <summary>
/// One low-rank adapter: delta(x) = (alpha / r) x B A(dropout(x)), A [r, in] initialised as PEFT does (Kaiming
/// uniform), B [out, r] zero, so a fresh adapter changes nothing.
/// </summary>
public sealed class LoraAdapter : IProjectionAdapter
{
    public LoraAdapter(Projection target, LoraOptions options)
    {
        var weight = target.Weight;
        var (output, input) = (weight.shape[0], weight.shape[1]);
        A = new Parameter(empty(options.Rank, input, weight.dtype, weight.device));
        B = new Parameter(zeros(output, options.Rank, weight.dtype, weight.device));
        using (no_grad()) nn.init.kaiming_uniform_(A, Math.Sqrt(5));
        Scaling = options.Scaling;
        Dropout = options.Dropout;
    }

    public Parameter A { get; }
    public Parameter B { get; }
    public double Scaling { get; }
    public double Dropout { get; }

    /// <summary>Dropout is applied only while training.</summary>
    public bool Training { get; set; } = true;

    public Tensor Delta(Tensor input)
    {
        using var scope = NewDisposeScope();
        var dropped = Training && Dropout > 0 ? nn.functional.dropout(input, Dropout, training: true) : input;
        return (Projection.Apply(Projection.Apply(dropped, A), B) * Scaling).MoveToOuterDisposeScope();
    }

    /// <summary>The dense update this adapter adds to its weight: (alpha / r) B A.</summary>
    public Tensor DenseDelta() => B.matmul(A) * Scaling;
}
