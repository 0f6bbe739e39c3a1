using PostTrain.Core.Generation;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

/// <summary>A generation window (one UloRL segment whose freed slots are refilled): late starts, exact prefixes.</summary>
public sealed class WindowTests
{
    static GenerationRequest[] Requests() =>
    [
        TinyPolicy.Request("short", 4, TinyPolicy.Sampled(3, seed: 1)),
        TinyPolicy.Request("long", 5, TinyPolicy.Sampled(40, seed: 2), salt: 1),
        TinyPolicy.Request("late", 6, TinyPolicy.Sampled(40, seed: 3), salt: 2),
        TinyPolicy.Request("last", 3, TinyPolicy.Sampled(40, seed: 4), salt: 3),
        TinyPolicy.Request("also-last", 4, TinyPolicy.Sampled(40, seed: 5), salt: 4),
        TinyPolicy.Request("never", 5, TinyPolicy.Sampled(40, seed: 6), salt: 5),
    ];

    [Fact]
    public void AFreedSlotStartsTheNextRequestWithWhatIsLeftOfTheWindow()
    {
        using var model = TinyPolicy.Create();
        var requests = Requests();
        using var single = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 1 });
        var alone = requests.Select(r => single.Generate([r])[0]).ToArray();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var results = engine.Generate(requests, window: 8);

        // "short" ends after 3 tokens (rounds 0-2); "late" takes its slot in round 2 and has 8 - 2 rounds left;
        // "long" fills the window; "last" and "also-last" take the two slots freed for the last round, 1 token each;
        // "never" finds no slot before the window closes.
        Assert.Equal([3, 8, 6, 1, 1, 0], results.Select(r => r.GeneratedIds.Count));
        Assert.Equal(FinishReason.Length, results[0].FinishReason);
        Assert.All(results.Skip(1), r => Assert.Equal(FinishReason.Budget, r.FinishReason));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].GeneratedIds.Take(results[i].GeneratedIds.Count), results[i].GeneratedIds);
            Assert.Equal(results[i].GeneratedIds.Count, results[i].LogProbs.Count);
            Assert.Equal(results[i].GeneratedIds.Count, results[i].PolicyLogProbs.Count);
        }
        Assert.Equal(7, engine.Statistics.DecodeSteps);
    }

    [Fact]
    public void ARequestStartedLateContinuesExactlyInTheNextWindow()
    {
        using var model = TinyPolicy.Create();
        var requests = Requests();
        using var single = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 1 });
        var alone = requests.Select(r => single.Generate([r])[0]).ToArray();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var prefixes = requests.Select(_ => new List<int>()).ToArray();
        var logProbs = requests.Select(_ => new List<float>()).ToArray();
        var done = new bool[requests.Length];
        for (var call = 0; call < 20 && done.Contains(false); call++)
        {
            var open = Enumerable.Range(0, requests.Length).Where(i => !done[i]).ToArray();
            var results = engine.Generate(open.Select(i => requests[i] with { PrefixIds = prefixes[i].ToArray(), Budget = 8 }).ToArray(), window: 8);
            for (var k = 0; k < open.Length; k++)
            {
                prefixes[open[k]].AddRange(results[k].GeneratedIds);
                logProbs[open[k]].AddRange(results[k].LogProbs);
                done[open[k]] = results[k].FinishReason != FinishReason.Budget;
            }
        }

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].GeneratedIds, prefixes[i]);
            for (var t = 0; t < prefixes[i].Count; t++) Assert.True(Math.Abs(alone[i].LogProbs[t] - logProbs[i][t]) < 1e-4);
        }
    }

    [Fact]
    public void RequestsThatEndAtTheirPrefillDoNotConsumeTheWholeQueueInTheLastRound()
    {
        using var model = TinyPolicy.Create();
        // Every request wants one token: each round admits two, and each pair ends at its prefill.
        var requests = Enumerable.Range(0, 10).Select(i => TinyPolicy.Request($"r{i}", 3, TinyPolicy.Sampled(1, seed: i), salt: i)).ToArray();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 2 });

        var results = engine.Generate(requests, window: 3);

        Assert.Equal([1, 1, 1, 1, 1, 1, 0, 0, 0, 0], results.Select(r => r.GeneratedIds.Count));
        Assert.Equal(0, engine.Statistics.DecodeSteps);
    }
}
