using PostTrain.Core.Generation;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

public sealed class BatchingTests
{
    [Fact]
    public void BatchedAndContinuousBatchedOutputsEqualOneAtATime()
    {
        using var model = TinyPolicy.Create(eos: [7]);
        // Mixed prompt lengths and output lengths, more requests than slots: finished slots are refilled mid-batch.
        var requests = Enumerable.Range(0, 10).Select(i => TinyPolicy.Request($"r{i}", 3 + i % 4,
            i % 3 == 0 ? TinyPolicy.Greedy(5 + 4 * i) : TinyPolicy.Sampled(5 + 4 * i, seed: i), salt: i)).ToArray();

        using var single = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 1 });
        var alone = requests.Select(r => single.Generate([r])[0]).ToArray();
        using var continuous = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 4 });
        var batched = continuous.Generate(requests);
        using var wide = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 16 });
        var allTogether = wide.Generate(requests);

        CachedDecodingTests.AssertSameGeneration(alone, batched);
        CachedDecodingTests.AssertSameGeneration(alone, allTogether);
        Assert.Contains(alone, r => r.FinishReason == FinishReason.Length);
        Assert.Equal(requests.Select(r => r.Id), batched.Select(r => r.RequestId));
    }

    [Fact]
    public void AFinishedSlotTakesTheNextRequestBeforeTheLongestFinishes()
    {
        using var model = TinyPolicy.Create();
        var requests = new[]
        {
            TinyPolicy.Request("long", 4, TinyPolicy.Greedy(30)),
            TinyPolicy.Request("short", 4, TinyPolicy.Greedy(3), salt: 1),
            TinyPolicy.Request("waiting", 4, TinyPolicy.Greedy(3), salt: 2),
        };
        var order = new List<string>();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        engine.Generate(requests, (request, _) => order.Add(request.Id));

        // "waiting" starts (and finishes) while "long" is still decoding.
        Assert.True(order.IndexOf("waiting") < order.LastIndexOf("long"));
        Assert.Equal(30, order.Count(id => id == "long"));
    }

    [Fact]
    public void StatisticsCountPrefillsAndDecodeStepsSeparately()
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        engine.Generate([TinyPolicy.Request("a", 4, TinyPolicy.Greedy(5)), TinyPolicy.Request("b", 6, TinyPolicy.Greedy(3), salt: 1)]);

        // Each request's first token comes from its prefill; the other 4 + 2 from decode steps (4 steps, 2 of them shared).
        Assert.Equal(10, engine.Statistics.PrefillTokens);
        Assert.Equal(6, engine.Statistics.DecodedTokens);
        Assert.Equal(4, engine.Statistics.DecodeSteps);
        Assert.True(engine.Statistics.DecodeSeconds > 0);
    }
}
