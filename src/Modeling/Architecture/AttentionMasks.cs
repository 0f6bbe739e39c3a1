using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>Boolean attention masks (true = may attend) and the position ids that go with padding.</summary>
public static class AttentionMasks
{
    /// <summary>
    /// Causal mask combined with a [batch, time] padding mask (1 = real token), shaped [batch, 1, time, time].
    /// A padding query attends to itself so that its softmax row is never empty; its output is ignored anyway.
    /// </summary>
    public static Tensor CausalWithPadding(Tensor paddingMask)
    {
        using var scope = NewDisposeScope();
        var time = paddingMask.shape[1];
        var causal = ones(time, time, dtype: ScalarType.Bool, device: paddingMask.device).tril();
        var keys = paddingMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);
        var diagonal = eye(time, dtype: ScalarType.Bool, device: paddingMask.device);
        return (causal.logical_and(keys).logical_or(diagonal)).MoveToOuterDisposeScope();
    }

    /// <summary>Positions 0.. counted over real tokens only, as <c>transformers</c>' generate does for left padding.</summary>
    public static Tensor PositionsFromPadding(Tensor paddingMask)
    {
        using var scope = NewDisposeScope();
        var positions = paddingMask.to(ScalarType.Int64).cumsum(1) - 1;
        return positions.clamp_min(0).MoveToOuterDisposeScope();
    }

    public static Tensor DefaultPositions(long batch, long time, Device device) =>
        arange(time, dtype: ScalarType.Int64, device: device).unsqueeze(0).expand(batch, time);
}
