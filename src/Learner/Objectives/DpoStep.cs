using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Runtime;
using PostTrain.Modeling.Scoring;
using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// One DPO gradient on a batch whose first half of rows are chosen completions and second half the rejected ones,
/// pair by pair. Reference log-probs come from a real forward pass of the reference model. Plain mode builds the
/// loss in one graph; the other modes use StreamBP's two passes, since log-sigmoid does not split over chunks:
/// (1) sequence log-probs without gradients give each pair's dL/dc; (2) a chunked backward of dL/dc x (log-probs of
/// chosen - rejected tokens). Both give the same gradient. Returns the mean loss over pairs.
/// </summary>
public static class DpoStep
{
    /// <param name="scale">Multiplies the loss (1/k for k accumulated micro-batches).</param>
    public static double Backward(CausalLanguageModel policy, Tensor referenceSums, TokenBatch batch, DpoOptions options,
        BackwardOptions backward, double scale = 1.0)
    {
        DpoOptions.Validate(options);
        if (batch.Batch % 2 != 0) throw new ArgumentException("a DPO batch holds chosen rows then rejected rows, pair by pair");
        using var scope = NewDisposeScope();
        var pairs = batch.Batch / 2;
        if (backward.Mode == BackwardMode.Plain)
        {
            using var grad = enable_grad();
            var hidden = policy.HiddenStates(batch.Ids, batch.Layout, overrides: batch.Overrides);
            var logp = policy.Logits(hidden).to(SequenceBackward.LogitType(hidden)).log_softmax(-1)
                .gather(-1, batch.Targets.unsqueeze(-1)).squeeze(-1);
            var loss = DpoLoss.Loss(Margins((logp * batch.LossMask.to(logp.dtype)).sum(1), referenceSums, pairs), options.Beta, options.LossType).mean() * scale;
            loss.backward();
            return loss.to(ScalarType.Float64).item<double>();
        }

        var (policyLogProbs, _) = TokenScorer.Score(policy, batch.Ids, batch.Layout, chunkSize: backward.HeadChunk, entropies: false);
        var policySums = (policyLogProbs * batch.LossMask.to(policyLogProbs.dtype)).sum(1);
        NativeHeap.Trim();
        var margins = Margins(policySums, referenceSums, pairs);
        var pairWeight = DpoLoss.Gradient(margins, options.Beta, options.LossType) * (scale / pairs);
        var rowWeight = cat([pairWeight, -pairWeight]).unsqueeze(1);
        SequenceBackward.Run(policy, batch, new LogProbWeightedObjective(batch.Targets, batch.LossMask.to(rowWeight.dtype) * rowWeight), backward);
        return DpoLoss.Loss(margins, options.Beta, options.LossType).mean().to(ScalarType.Float64).item<double>() * scale;
    }

    /// <summary>Sum of each row's completion log-probs under a (reference) model, without gradients.</summary>
    public static Tensor SequenceLogProbs(CausalLanguageModel model, TokenBatch batch, int chunkSize = 256)
    {
        var (logProbs, _) = TokenScorer.Score(model, batch.Ids, batch.Layout, chunkSize: chunkSize, entropies: false);
        var sums = (logProbs * batch.LossMask.to(logProbs.dtype)).sum(1);
        logProbs.Dispose();
        NativeHeap.Trim();
        return sums;
    }

    static Tensor Margins(Tensor policySums, Tensor referenceSums, long pairs)
    {
        var difference = policySums - referenceSums.to(policySums.dtype);
        return difference.narrow(0, 0, pairs) - difference.narrow(0, pairs, pairs);
    }
}
