using PostTrain.Core.Generation;
using PostTrain.Rollout.Sampling;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Tests;

/// <summary>Sample frequencies against the truncated distribution, with a fixed seed (chi-square test).</summary>
public sealed class TokenSamplerTests
{
    static readonly float[] Logits = [2.0f, 1.5f, 1.0f, 0.5f, 0.0f, -0.5f, -1.0f, -3.0f];

    [Theory]
    [InlineData(1.0, 0, 1.0)]
    [InlineData(1.0, 3, 1.0)]
    [InlineData(0.7, 0, 0.8)]
    [InlineData(1.3, 5, 0.9)]
    public void FrequenciesMatchTheTruncatedDistribution(double temperature, int topK, double topP)
    {
        const int draws = 40000;
        var sampling = new SamplingParameters { Temperature = temperature, TopK = topK, TopP = topP, Seed = 2024 };
        var expected = Truncated(Logits, temperature, topK, topP);
        var rows = Enumerable.Range(0, draws).Select(step => new SamplingRow(sampling, step)).ToArray();
        var logits = tensor(Logits).unsqueeze(0).expand(draws, Logits.Length).contiguous();

        var (tokens, logProbs) = TokenSampler.Sample(logits, rows);

        var counts = new double[Logits.Length];
        foreach (var token in tokens) counts[token]++;
        var chiSquare = 0.0;
        var kept = 0;
        for (var v = 0; v < Logits.Length; v++)
        {
            if (expected[v] == 0)
            {
                Assert.Equal(0, counts[v]);
                continue;
            }
            kept++;
            chiSquare += Math.Pow(counts[v] - draws * expected[v], 2) / (draws * expected[v]);
        }
        // 99.9% quantile of chi-square with up to 7 degrees of freedom is 24.3.
        Assert.True(chiSquare < 24.3, $"chi-square {chiSquare:F1} over {kept} kept tokens");
        for (var i = 0; i < 100; i++) Assert.Equal(Math.Log(expected[tokens[i]]), logProbs[i], 4);
    }

    [Fact]
    public void GreedyTakesTheArgmaxAndReportsItsLogSoftmax()
    {
        var (tokens, logProbs) = TokenSampler.Sample(tensor(Logits).unsqueeze(0), [new SamplingRow(new SamplingParameters { Temperature = 0 }, 0)]);
        var normaliser = Math.Log(Logits.Sum(l => Math.Exp(l)));
        Assert.Equal(0, tokens[0]);
        Assert.Equal(2.0 - normaliser, logProbs[0], 5);
    }

    [Fact]
    public void RepetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfSeenTokens()
    {
        // Token 0 (logit 2.0) is seen: 2.0 / 2.5 = 0.8 drops below token 1 (1.5). Token 7 (-3) seen: -7.5, unchanged rank.
        var seen = zeros(1, Logits.Length, ScalarType.Bool);
        seen[0, 0] = true;
        var row = new SamplingRow(new SamplingParameters { Temperature = 0, RepetitionPenalty = 2.5 }, 0);

        var (tokens, logProbs) = TokenSampler.Sample(tensor(Logits).unsqueeze(0), [row], seen);

        var penalised = Logits.Select((l, i) => i == 0 ? 0.8 : l).ToArray();
        Assert.Equal(1, tokens[0]);
        Assert.Equal(1.5 - Math.Log(penalised.Sum(Math.Exp)), logProbs[0], 5);
    }

    [Fact]
    public void SameSeedAndStepGiveTheSameTokenWhateverTheBatch()
    {
        var sampling = new SamplingParameters { Temperature = 1.0, Seed = 9 };
        var alone = TokenSampler.Sample(tensor(Logits).unsqueeze(0), [new SamplingRow(sampling, 17)]).Tokens[0];
        var other = new SamplingRow(sampling with { Seed = 10 }, 3);
        var batch = tensor(Logits).unsqueeze(0).expand(3, Logits.Length).contiguous();

        var together = TokenSampler.Sample(batch, [other, new SamplingRow(sampling, 17), other]).Tokens[1];

        Assert.Equal(alone, together);
    }

    // transformers' order: temperature, then top-k, then top-p on the softmax of what top-k kept.
    static double[] Truncated(float[] logits, double temperature, int topK, double topP)
    {
        var scaled = logits.Select(l => l / temperature).ToArray();
        var order = Enumerable.Range(0, scaled.Length).OrderByDescending(i => scaled[i]).ToArray();
        var keep = new bool[scaled.Length];
        var limit = topK > 0 ? topK : scaled.Length;
        var topKMass = order.Take(limit).Sum(i => Math.Exp(scaled[i]));
        var above = 0.0;
        foreach (var (i, rank) in order.Take(limit).Select((i, rank) => (i, rank)))
        {
            if (rank > 0 && above >= topP) break;
            keep[i] = true;
            above += Math.Exp(scaled[i]) / topKMass;
        }
        var mass = Enumerable.Range(0, scaled.Length).Where(i => keep[i]).Sum(i => Math.Exp(scaled[i]));
        return scaled.Select((s, i) => keep[i] ? Math.Exp(s) / mass : 0).ToArray();
    }

    [Fact]
    public void PolicyLogProbsIgnorePenaltyAndTruncationButKeepTemperature()
    {
        var sampling = new SamplingParameters { Temperature = 0.7, TopK = 3, TopP = 0.9, RepetitionPenalty = 1.5, Seed = 5 };
        var seen = zeros([1, Logits.Length], ScalarType.Bool);
        seen[0, 0] = true;

        var sampled = TokenSampler.Sample(tensor(Logits).unsqueeze(0), [new SamplingRow(sampling, 3)], seen);

        var token = (int)sampled.Tokens[0];
        var normaliser = Math.Log(Logits.Sum(l => Math.Exp(l / 0.7)));
        Assert.Equal(Logits[token] / 0.7 - normaliser, sampled.PolicyLogProbs[0], 4);
        Assert.True(sampled.LogProbs[0] > sampled.PolicyLogProbs[0], "truncation renormalises the sampling distribution upwards");
    }
}
