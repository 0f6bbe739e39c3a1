using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>Per-token estimators of KL(policy || reference) from d = ref_logp - logp (Schulman's k1, k2, k3).</summary>
public enum KlEstimator
{
    /// <summary>-d: unbiased, high variance, can be negative.</summary>
    K1,

    /// <summary>d^2 / 2: low variance, biased.</summary>
    K2,

    /// <summary>exp(d) - d - 1: unbiased, low variance, never negative (GRPO's choice).</summary>
    K3,
}

public static class KlEstimators
{
    public static Tensor Compute(this KlEstimator estimator, Tensor logProbs, Tensor referenceLogProbs)
    {
        var d = referenceLogProbs - logProbs;
        return estimator switch
        {
            KlEstimator.K1 => -d,
            KlEstimator.K2 => d.square() / 2,
            _ => d.exp() - d - 1,
        };
    }
}
