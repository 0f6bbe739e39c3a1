using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Scoring;
using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// One GRPO gradient on a batch of completions (one per row): weights from the loss aggregation and, with DMMPT, the
/// mastered-token mask from a no-gradient pass of the current policy; reference log-probs from the reference model
/// when beta > 0 (none is needed otherwise); then the backward in the chosen mode. Returns the loss.
/// </summary>
public static class GrpoStep
{
    /// <param name="advantages">Per-token advantages [batch, time]; see <see cref="TokenAdvantages"/>.</param>
    /// <param name="rewards">One reward per row; DMMPT needs them to find positive samples.</param>
    /// <param name="oldLogProbs">SAIS: each token's log-prob under the policy that generated it [batch, time].</param>
    public static double Backward(CausalLanguageModel policy, CausalLanguageModel? reference, TokenBatch batch,
        Tensor advantages, IReadOnlyList<double> rewards, GrpoOptions options, BackwardOptions backward, Tensor? oldLogProbs = null,
        double scale = 1.0, GrpoStatistics? statistics = null)
    {
        GrpoOptions.Validate(options);
        if (options.ImportanceSampling == ImportanceSampling.Sais && oldLogProbs is null)
            throw new ArgumentException("SAIS needs the generating policies' log-probs of every token");
        if (options.Beta > 0 && reference is null) throw new ArgumentException("beta > 0 needs a reference model");
        using var scope = NewDisposeScope();
        var weights = options.Aggregation.Weights(batch.LossMask.to(ScalarType.Float64), options.MaxCompletionLength) * scale;
        if (options.Dmmpt is { } dmmpt)
        {
            var (logProbs, entropies) = TokenScorer.Score(policy, batch.Ids, batch.Layout, options.Temperature, backward.HeadChunk, overrides: batch.Overrides);
            weights = weights * DmmptMask.Keep(dmmpt, logProbs.exp(), entropies, batch.LossMask, rewards).to(weights.dtype);
        }
        var referenceLogProbs = options.Beta > 0
            ? TokenScorer.Score(reference!, batch.Ids, batch.Layout, options.Temperature, backward.HeadChunk, entropies: false, overrides: batch.Overrides).LogProbs
            : null;
        var objective = new GrpoObjective(options, batch.Targets, weights, advantages,
            options.ImportanceSampling == ImportanceSampling.Sais ? oldLogProbs : null, referenceLogProbs, statistics);
        return SequenceBackward.Run(policy, batch, objective, backward);
    }
}
