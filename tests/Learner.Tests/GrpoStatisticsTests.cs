using PostTrain.Learner.Objectives;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>The figures a GRPO update logs (entropy, clip fraction, KL), against values computed by hand.</summary>
public sealed class GrpoStatisticsTests
{
    [Fact]
    public void EntropyClipFractionAndKlAreMeansOverLearnedTokens()
    {
        var options = new GrpoOptions { ClipEpsilonLow = 0.2, ClipEpsilonHigh = 0.28 };
        // Three tokens over a vocabulary of 2; the third is not learned (weight 0) and must not count.
        double[][] probabilities = [[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]];
        var all = tensor(probabilities.SelectMany(p => p.Select(x => Math.Log(x))).ToArray(), [1, 3, 2]);
        var logProbs = tensor(new[] { Math.Log(0.5), Math.Log(0.9), Math.Log(0.8) }, [1, 3]);
        // Ratios: 0.5/0.25 = 2 (clipped for A > 0), 0.9/0.9 = 1, 0.8/0.1 = 8 (not learned).
        var old = tensor(new[] { Math.Log(0.25), Math.Log(0.9), Math.Log(0.1) }, [1, 3]);
        var advantages = tensor(new[] { 1.0, -1.0, 1.0 }, [1, 3]);
        var mask = tensor(new[] { true, true, false }, [1, 3]);

        var statistics = new GrpoStatistics();
        statistics.Add(mask, all, logProbs, old, advantages, referenceLogProbs: null, options);

        var entropy = (Math.Log(2) + -(0.9 * Math.Log(0.9) + 0.1 * Math.Log(0.1))) / 2;
        Assert.Equal(entropy, statistics.Entropy, 9);
        Assert.Equal(0.5, statistics.ClipFraction, 12);
        // k3 with the generating policy as reference: d = old - new; exp(d) - d - 1, averaged over the two tokens.
        var d = Math.Log(0.25) - Math.Log(0.5);
        Assert.Equal((Math.Exp(d) - d - 1 + 0) / 2, statistics.Kl, 9);
        Assert.Equal(2, statistics.Tokens);
    }
}
