using PostTrain.Learner.Batches;
using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// Token cross-entropy on completion tokens. By default normalised by the batch's total label count; with
/// <c>perDocument</c>, each sequence's tokens are weighted 1 / (its own label count) and sequences are averaged
/// (LongWriter's weighting for packed batches, so long documents do not drown short ones).
/// </summary>
public sealed class SftObjective(TokenBatch batch, bool perDocument = false) : ITokenObjective
{
    readonly Tensor _weights = Weights(batch, perDocument);

    public Tensor Weights() => _weights;

    public Tensor ChunkLoss(Tensor logits, long start, long length)
    {
        var (_, chosen) = TokenLogProbs.Of(logits, batch.Targets, start, length);
        return -(chosen * _weights.narrow(1, start, length).to(chosen.dtype)).sum();
    }

    static Tensor Weights(TokenBatch batch, bool perDocument)
    {
        var mask = batch.LossMask.to(ScalarType.Float64);
        if (!perDocument) return mask / mask.sum().clamp_min(1);
        var index = batch.SequenceIndex.clamp_min(0).flatten();
        var counts = zeros(batch.Sequences, ScalarType.Float64, mask.device).index_add_(0, index, mask.flatten(), 1);
        var perToken = counts.index_select(0, index).reshape(mask.shape);
        var documents = counts.gt(0).sum().clamp_min(1);
        return mask / (perToken.clamp_min(1) * documents);
    }
}
