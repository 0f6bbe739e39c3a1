using PostTrain.Core.Rewards;
using PostTrain.Learner.Objectives;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>GRPO's per-token loss, KL estimators and aggregations against cases computed by hand.</summary>
public sealed class GrpoLossTests
{
    static double Loss(GrpoOptions options, double logp, double oldLogp, double advantage, double? refLogp = null, double? entropy = null) =>
        GrpoObjective.TokenLoss(options, tensor(logp), tensor(oldLogp), tensor(advantage),
            refLogp is null ? null : tensor(refLogp.Value), entropy is null ? null : tensor(entropy.Value)).item<double>();

    [Fact]
    public void ClippedSurrogateUsesSeparateLowAndHighEpsilon()
    {
        var options = new GrpoOptions { ClipEpsilonLow = 0.2, ClipEpsilonHigh = 0.28 };
        // ratio e^0.5 = 1.6487: positive advantage is clipped at 1.28, so the loss is -1.28 * 2.
        Assert.Equal(-1.28 * 2, Loss(options, 0.5, 0.0, 2.0), 12);
        // ratio e^-0.5 = 0.6065 with negative advantage: min(r A, 0.8 A) = 0.8 * -1 ... loss = -min(-0.6065, -0.8) = 0.8.
        Assert.Equal(0.8, Loss(options, -0.5, 0.0, -1.0), 12);
        // Inside the trust region the loss is -r A.
        Assert.Equal(-Math.Exp(0.1) * 0.5, Loss(options, 0.1, 0.0, 0.5), 12);
    }

    [Fact]
    public void DualClipBoundsTheLossOfNegativeAdvantages()
    {
        var options = new GrpoOptions { DualClip = 3.0 };
        // ratio e^2 = 7.39 with A = -1: PPO's loss would be 7.39; dual clip caps it at c * |A| = 3.
        Assert.Equal(3.0, Loss(options, 2.0, 0.0, -1.0), 12);
        Assert.Equal(Math.Exp(2.0), Loss(options with { DualClip = null }, 2.0, 0.0, -1.0), 12);
        // Positive advantages are untouched by the dual clip.
        Assert.Equal(-1.2 * 1.0, Loss(options, 2.0, 0.0, 1.0), 12);
    }

    [Theory]
    [InlineData(KlEstimator.K1, 0.3)]
    [InlineData(KlEstimator.K2, 0.045)]
    [InlineData(KlEstimator.K3, 0.040818220681717866)]
    public void KlEstimatorsMatchTheirFormulas(KlEstimator estimator, double expected)
    {
        // d = ref - logp = -0.3: k1 = 0.3, k2 = 0.09 / 2, k3 = e^-0.3 + 0.3 - 1.
        Assert.Equal(expected, estimator.Compute(tensor(-1.0), tensor(-1.3)).item<double>(), 12);
        var options = new GrpoOptions { Beta = 0.5, KlEstimator = estimator };
        Assert.Equal(-1.0 * 1.0 + 0.5 * expected, Loss(options, -1.0, -1.0, 1.0, refLogp: -1.3), 12);
    }

    [Fact]
    public void EntropyBonusIsSubtracted()
    {
        var options = new GrpoOptions { EntropyCoefficient = 0.01 };
        Assert.Equal(-0.5 - 0.01 * 2.5, Loss(options, -1.0, -1.0, 0.5, entropy: 2.5), 12);
    }

    [Fact]
    public void AggregationWeightsFollowTheirNormalisers()
    {
        // Two sequences with 2 and 3 completion tokens, padded to 4 positions.
        var mask = tensor(new double[] { 1, 1, 0, 0, 1, 1, 1, 0 }, [2, 4]);

        var seqMean = LossAggregation.SeqMeanTokenMean.Weights(mask).data<double>().ToArray();
        var tokenMean = LossAggregation.TokenMean.Weights(mask).data<double>().ToArray();
        var drGrpo = LossAggregation.SeqMeanTokenSumNorm.Weights(mask, maxCompletionLength: 10).data<double>().ToArray();

        Assert.Equal(new[] { 0.25, 0.25, 0, 0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 0 }, seqMean, new Tolerance(1e-12));
        Assert.Equal(new[] { 0.2, 0.2, 0, 0, 0.2, 0.2, 0.2, 0 }, tokenMean, new Tolerance(1e-12));
        Assert.Equal(new[] { 0.05, 0.05, 0, 0, 0.05, 0.05, 0.05, 0 }, drGrpo, new Tolerance(1e-12));
    }

    [Fact]
    public void DmmptMasksConfidentTokensOfLowEntropyPositiveSamplesOnly()
    {
        var options = new DmmptOptions { Tau = 0.99, Sigma = 0.2 };
        var probabilities = tensor(new[] { 0.995, 0.5, 0.999, 0.995, 0.999, 0.995 }, [3, 2]);
        var mask = ones(3, 2, ScalarType.Float64);
        // Row 0: positive, mean entropy 0.1 -> its confident token is masked. Row 1: positive but entropy 0.5.
        // Row 2: low entropy but reward 0.
        var entropies = tensor(new[] { 0.1, 0.1, 0.5, 0.5, 0.05, 0.05 }, [3, 2]);

        var keep = DmmptMask.Keep(options, probabilities, entropies, mask, [1.0, 1.0, 0.0]).data<float>().ToArray();

        Assert.Equal(new float[] { 0, 1, 1, 1, 1, 1 }, keep);
        // With the batch's mean entropy (0.2167 >= sigma) nothing is masked.
        var batch = DmmptMask.Keep(options with { BatchEntropy = true }, probabilities, entropies, mask, [1.0, 1.0, 0.0]);
        Assert.Equal(6, batch.sum().item<float>());
    }

    [Fact]
    public void GroupAdvantagesNormaliseWithinEachGroup()
    {
        var advantages = GroupAdvantages.Compute([1, 0, 0, 1, 0.5, 0.5], groupSize: 2);
        // Group (1, 0): mean 0.5, unbiased std 0.7071. Group (0.5, 0.5): all equal, advantage 0.
        var a = 0.5 / (Math.Sqrt(0.5) + GroupAdvantages.Epsilon);
        Assert.Equal(new[] { a, -a, -a, a, 0, 0 }, advantages, new Tolerance(1e-12));
        Assert.Equal(new[] { 0.5, -0.5 }, GroupAdvantages.Compute([1, 0], 2, scaleByStd: false), new Tolerance(1e-12));
    }

    [Fact]
    public void LongWriterZeroAveragesPerRewardAdvantages()
    {
        var length = new double[] { 1, 0 };
        var quality = new double[] { 2, 4 };
        var averaged = GroupAdvantages.AverageOverRewards([length, quality], groupSize: 2);
        var l = GroupAdvantages.Compute(length, 2);
        var q = GroupAdvantages.Compute(quality, 2);
        Assert.Equal(new[] { (l[0] + q[0]) / 2, (l[1] + q[1]) / 2 }, averaged, new Tolerance(1e-12));
        Assert.Equal(0, averaged[0], 6);
    }
}
