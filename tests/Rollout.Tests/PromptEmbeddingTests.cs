using PostTrain.Core.Generation;
using PostTrain.Modeling.Configuration;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

/// <summary>Prompts whose positions carry given embeddings (a video's frames) instead of their tokens'.</summary>
public sealed class PromptEmbeddingTests
{
    const int Hidden = 64;

    static EmbeddingSpan Span(int start, int count, int seed)
    {
        var random = new Random(seed);
        return new EmbeddingSpan(start, count, Enumerable.Range(0, count * Hidden).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
    }

    [Fact]
    public void CachedDecodingWithPromptEmbeddingsEqualsFullRecomputation()
    {
        using var model = TinyPolicy.Create(ModelFamily.Qwen2);
        var requests = new[]
        {
            TinyPolicy.Request("a", 12, TinyPolicy.Greedy(24)) with { PromptEmbeddings = [Span(2, 6, seed: 1)] },
            TinyPolicy.Request("b", 12, TinyPolicy.Greedy(24), salt: 1) with { PromptEmbeddings = [Span(0, 3, seed: 2), Span(8, 2, seed: 3)] },
            TinyPolicy.Request("c", 12, TinyPolicy.Greedy(24), salt: 2),
        };
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 3 });

        var cached = engine.Generate(requests);
        var recomputed = RecomputingGenerator.Generate(model, requests);

        CachedDecodingTests.AssertSameGeneration(recomputed, cached);
    }

    [Fact]
    public void TheEmbeddingsChangeWhatIsGenerated()
    {
        using var model = TinyPolicy.Create(ModelFamily.Qwen2);
        using var engine = new GenerationEngine(model);
        var plain = TinyPolicy.Request("a", 12, TinyPolicy.Greedy(16));

        var withVideo = engine.Generate([plain with { PromptEmbeddings = [Span(2, 6, seed: 1)] }])[0];
        var otherVideo = engine.Generate([plain with { PromptEmbeddings = [Span(2, 6, seed: 9)] }])[0];
        var tokensOnly = engine.Generate([plain])[0];

        Assert.NotEqual(tokensOnly.LogProbs, withVideo.LogProbs);
        Assert.NotEqual(withVideo.LogProbs, otherVideo.LogProbs);
    }

    [Fact]
    public void ASegmentContinuedFromItsPrefixKeepsTheEmbeddings()
    {
        using var model = TinyPolicy.Create(ModelFamily.Qwen3);
        var request = TinyPolicy.Request("s", 10, new SamplingParameters { Temperature = 0.9, MaxNewTokens = 24, Seed = 5 })
            with { PromptEmbeddings = [Span(1, 5, seed: 4)] };
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var whole = engine.Generate([request])[0];
        var first = engine.Generate([request with { Budget = 10 }])[0];
        var rest = engine.Generate([request with { PrefixIds = first.GeneratedIds.ToArray() }])[0];

        Assert.Equal(whole.GeneratedIds, first.GeneratedIds.Concat(rest.GeneratedIds));
    }

    [Theory]
    [InlineData(8, 6, "lie outside the prompt")]
    [InlineData(-1, 2, "lie outside the prompt")]
    public void SpansOutsideThePromptAreRefused(int start, int count, string expected)
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model);
        var request = TinyPolicy.Request("bad", 12, TinyPolicy.Greedy(4)) with { PromptEmbeddings = [new EmbeddingSpan(start, count, new float[count * Hidden])] };

        var error = Assert.Throws<ArgumentException>(() => engine.Generate([request]));
        Assert.Contains("request 'bad'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EmbeddingsOfTheWrongWidthAreRefused()
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model);
        var request = TinyPolicy.Request("bad", 12, TinyPolicy.Greedy(4)) with { PromptEmbeddings = [new EmbeddingSpan(0, 2, new float[2 * 32])] };

        var error = Assert.Throws<ArgumentException>(() => engine.Generate([request]));
        Assert.Contains("hold 64 values, expected 2 x 64", error.Message);
    }
}
