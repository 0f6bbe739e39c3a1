using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// Rotary position embedding in the half-split layout of <c>transformers</c> (<c>rotate_half</c>), with the
/// <c>linear</c> and <c>llama3</c> frequency scalings. Holds no parameters: the angles are computed per call.
/// </summary>
public sealed class RotaryEmbedding
{
    public RotaryEmbedding(DecoderConfig config)
    {
        InverseFrequencies = RopeFrequencies.Compute(config.HeadDim, config.RopeTheta, config.RopeScaling);
    }

    /// <summary>One frequency per pair of channels (head_dim / 2 values).</summary>
    public double[] InverseFrequencies { get; }

    /// <summary>cos and sin of shape [batch, time, head_dim] for positions [batch, time], in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Angles(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        // transformers computes the angles in float32; float64 models keep full precision.
        var angleType = dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var frequencies = tensor(InverseFrequencies, device: positions.device).to(angleType);
        var angles = positions.to(angleType).unsqueeze(-1) * frequencies;
        var doubled = cat([angles, angles], -1);
        return (doubled.cos().to(dtype).MoveToOuterDisposeScope(), doubled.sin().to(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Rotates [batch, heads, time, head_dim] queries or keys by angles of shape [batch, time, head_dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1)).MoveToOuterDisposeScope();
    }
}
