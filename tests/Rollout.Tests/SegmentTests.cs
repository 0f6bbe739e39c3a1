using PostTrain.Core.Generation;
using PostTrain.Modeling.Configuration;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

/// <summary>UloRL segments: a generation continued from its prefix equals one that never stopped.</summary>
public sealed class SegmentTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void ContinuedSegmentsEqualAnUninterruptedGeneration(double temperature)
    {
        using var model = TinyPolicy.Create(ModelFamily.Qwen3);
        var sampling = new SamplingParameters { Temperature = temperature, MaxNewTokens = 30, Seed = 42, RepetitionPenalty = 1.2 };
        var request = TinyPolicy.Request("s", 6, sampling);
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var whole = engine.Generate([request])[0];

        var prefix = new List<int>();
        var logProbs = new List<float>();
        GenerationResult segment;
        do
        {
            segment = engine.Generate([request with { PrefixIds = prefix.ToArray(), Budget = 8 }])[0];
            prefix.AddRange(segment.GeneratedIds);
            logProbs.AddRange(segment.LogProbs);
        }
        while (segment.FinishReason == FinishReason.Budget);

        Assert.Equal(whole.GeneratedIds, prefix);
        Assert.Equal(FinishReason.Length, segment.FinishReason);
        Assert.Equal(30, segment.TotalGenerated);
        for (var t = 0; t < logProbs.Count; t++) Assert.True(Math.Abs(whole.LogProbs[t] - logProbs[t]) < 1e-4);
    }

    [Fact]
    public void BudgetStopsASegmentWithoutFinishingTheSample()
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model);

        var result = engine.Generate([TinyPolicy.Request("s", 4, TinyPolicy.Greedy(50)) with { Budget = 5 }])[0];

        Assert.Equal(FinishReason.Budget, result.FinishReason);
        Assert.Equal(5, result.GeneratedIds.Count);
    }
}
