using PostTrain.Core.Generation;
using PostTrain.Modeling.Configuration;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

/// <summary>The KV-cached engine against recomputing the whole sequence for every token.</summary>
public sealed class CachedDecodingTests
{
    [Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    [InlineData(ModelFamily.Llama)]
    public void GreedyCachedDecodingEqualsFullRecomputation(ModelFamily family)
    {
        using var model = TinyPolicy.Create(family);
        var requests = new[] { TinyPolicy.Request("a", 7, TinyPolicy.Greedy(40)), TinyPolicy.Request("b", 7, TinyPolicy.Greedy(40), salt: 1) };
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var cached = engine.Generate(requests);
        var recomputed = RecomputingGenerator.Generate(model, requests);

        AssertSameGeneration(recomputed, cached);
        Assert.Equal(40, cached[0].GeneratedIds.Count);
        Assert.Equal(FinishReason.Length, cached[0].FinishReason);
    }

    [Fact]
    public void SampledCachedDecodingEqualsFullRecomputationForTheSameSeeds()
    {
        using var model = TinyPolicy.Create(ModelFamily.Llama);
        var requests = Enumerable.Range(0, 3).Select(i => TinyPolicy.Request($"r{i}", 5, TinyPolicy.Sampled(32, seed: 100 + i), salt: i)).ToArray();
        using var engine = new GenerationEngine(model);

        var cached = engine.Generate(requests);
        var recomputed = RecomputingGenerator.Generate(model, requests);

        AssertSameGeneration(recomputed, cached);
        Assert.NotEqual(cached[0].GeneratedIds, cached[1].GeneratedIds);
    }

    internal static void AssertSameGeneration(IReadOnlyList<GenerationResult> expected, IReadOnlyList<GenerationResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GeneratedIds, actual[i].GeneratedIds);
            Assert.Equal(expected[i].FinishReason, actual[i].FinishReason);
            for (var t = 0; t < expected[i].LogProbs.Count; t++)
                Assert.True(Math.Abs(expected[i].LogProbs[t] - actual[i].LogProbs[t]) < 1e-4,
                    $"sequence {i} token {t}: log-prob {actual[i].LogProbs[t]} vs {expected[i].LogProbs[t]}");
        }
    }
}
