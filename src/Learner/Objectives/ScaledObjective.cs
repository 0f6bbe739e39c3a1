using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>An objective times a constant (1/k for k accumulated micro-batches).</summary>
public sealed class ScaledObjective(ITokenObjective inner, double factor) : ITokenObjective
{
    public Tensor ChunkLoss(Tensor logits, long start, long length) => inner.ChunkLoss(logits, start, length) * factor;
}
