using PostTrain.Learner.Batches;
using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

public static class TokenAdvantages
{
    /// <summary>Every completion token of a sequence gets its sequence's advantage: [batch, time].</summary>
    public static Tensor FromSequences(TokenBatch batch, IReadOnlyList<double> sequenceAdvantages)
    {
        if (sequenceAdvantages.Count != batch.Sequences)
            throw new ArgumentException($"{sequenceAdvantages.Count} advantages for {batch.Sequences} sequences");
        var values = tensor(sequenceAdvantages.ToArray(), device: batch.Ids.device);
        return values.index_select(0, batch.SequenceIndex.clamp_min(0).flatten()).reshape(batch.Ids.shape)
               * batch.LossMask.to(ScalarType.Float64);
    }
}
