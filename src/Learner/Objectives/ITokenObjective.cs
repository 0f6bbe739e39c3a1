using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// A loss that is a weighted sum of per-token terms, so that it splits exactly over chunks of positions: the loss of
/// positions [start, start + length) is computed from their float32 logits alone, with any normaliser of the whole
/// batch already folded into the weights. StreamBP relies on this to never hold full-vocabulary logits.
/// </summary>
public interface ITokenObjective
{
    /// <param name="logits">Float32 logits [batch, length, vocab] of positions [start, start + length).</param>
    /// <returns>A scalar: this chunk's contribution to the loss.</returns>
    Tensor ChunkLoss(Tensor logits, long start, long length);
}
