using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// GRPO's per-token loss: the clipped surrogate (separate low and high epsilon, optional dual clip), plus beta x KL
/// to the reference, minus an entropy bonus, each token weighted by <paramref name="weights"/> (aggregation,
/// completion mask and DMMPT together). All per-token inputs are [batch, time], aligned with <paramref name="targets"/>.
/// </summary>
/// <param name="oldLogProbs">Log-probs under the generating policy (SAIS); null means POIS with one update per step:
/// the current log-probs, detached, so every ratio is 1.</param>
/// <param name="referenceLogProbs">Required when beta > 0.</param>
public sealed class GrpoObjective(
    GrpoOptions options,
    Tensor targets,
    Tensor weights,
    Tensor advantages,
    Tensor? oldLogProbs = null,
    Tensor? referenceLogProbs = null,
    GrpoStatistics? statistics = null) : ITokenObjective
{
    public Tensor ChunkLoss(Tensor logits, long start, long length)
    {
        var (all, logProbs) = TokenLogProbs.Of(logits / options.Temperature, targets, start, length);
        var old = oldLogProbs?.narrow(1, start, length) ?? logProbs.detach();
        var chunkAdvantages = advantages.narrow(1, start, length).to(logProbs.dtype);
        var reference = referenceLogProbs?.narrow(1, start, length);
        var chunkWeights = weights.narrow(1, start, length);
        statistics?.Add(chunkWeights.ne(0), all.detach(), logProbs.detach(), old, chunkAdvantages, reference, options);
        var loss = TokenLoss(options, logProbs, old, chunkAdvantages, reference,
            options.EntropyCoefficient != 0 ? -(all.exp() * all).sum(-1) : null);
        return (loss * chunkWeights.to(loss.dtype)).sum();
    }

    /// <summary>The loss of each token, before weighting (TECHNIQUES section 1).</summary>
    public static Tensor TokenLoss(GrpoOptions options, Tensor logProbs, Tensor oldLogProbs, Tensor advantages,
        Tensor? referenceLogProbs, Tensor? entropy)
    {
        var ratio = (logProbs - oldLogProbs.to(logProbs.dtype)).exp();
        var clipped = ratio.clamp(1 - options.ClipEpsilonLow, 1 + options.ClipEpsilonHigh);
        var loss = -minimum(ratio * advantages, clipped * advantages);
        if (options.DualClip is { } c)
            loss = where(advantages < 0, minimum(loss, -c * advantages), loss);
        if (options.Beta != 0)
        {
            if (referenceLogProbs is null) throw new ArgumentException("beta > 0 needs reference log-probs");
            loss = loss + options.Beta * options.KlEstimator.Compute(logProbs, referenceLogProbs.to(logProbs.dtype));
        }
        if (options.EntropyCoefficient != 0 && entropy is not null) loss = loss - options.EntropyCoefficient * entropy;
        return loss;
    }
}
