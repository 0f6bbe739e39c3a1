using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// UloRL's dynamic masking of well-mastered positive tokens: a token drops out of the loss when its sample is
/// positive, the token's probability is at least tau, and the response's mean entropy (or the batch's) is below
/// sigma. Returns the keep-mask [batch, time]: 1 keeps a token, 0 drops it.
/// </summary>
public static class DmmptMask
{
    /// <param name="tokenProbabilities">Probability of each target token under the current policy [batch, time].</param>
    /// <param name="entropies">Entropy of each position's distribution [batch, time].</param>
    /// <param name="completionMask">1 on completion tokens [batch, time].</param>
    /// <param name="rewards">One reward per row.</param>
    public static Tensor Keep(DmmptOptions options, Tensor tokenProbabilities, Tensor entropies, Tensor completionMask,
        IReadOnlyList<double> rewards)
    {
        using var scope = NewDisposeScope();
        var mask = completionMask.to(ScalarType.Float64);
        var entropy = entropies.to(ScalarType.Float64) * mask;
        var meanEntropy = options.BatchEntropy
            ? (entropy.sum() / mask.sum().clamp_min(1)).expand(mask.shape[0], 1)
            : entropy.sum(1, keepdim: true) / mask.sum(1, keepdim: true).clamp_min(1);
        var positive = tensor(rewards.Select(r => r >= options.PositiveReward).ToArray(), device: mask.device).unsqueeze(1);
        var mastered = positive.logical_and(meanEntropy < options.Sigma)
            .logical_and(tokenProbabilities >= options.Tau).logical_and(mask > 0);
        return (1 - mastered.to(ScalarType.Float32)).MoveToOuterDisposeScope();
    }
}
