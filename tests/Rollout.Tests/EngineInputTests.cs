using PostTrain.Core.Generation;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

public sealed class EngineInputTests
{
    [Fact]
    public void BadRequestsAreRejectedBeforeAnyWorkWithTheRequestNamed()
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxSequenceLength = 32 });
        var ok = TinyPolicy.Greedy(4);

        Assert.Contains("'empty': the prompt is empty",
            Assert.Throws<ArgumentException>(() => engine.Generate([new GenerationRequest("empty", [], ok)])).Message);
        Assert.Contains("context of 32",
            Assert.Throws<ArgumentException>(() => engine.Generate([TinyPolicy.Request("long", 40, ok)])).Message);
        Assert.Contains("token id 999 at position 1",
            Assert.Throws<ArgumentException>(() => engine.Generate([new GenerationRequest("id", [1, 999], ok)])).Message);
        Assert.Contains("top_p",
            Assert.Throws<ArgumentException>(() => engine.Generate([TinyPolicy.Request("p", 3, ok with { TopP = 0 })])).Message);
    }

    [Fact]
    public void ContextFullFinishesWithLength()
    {
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxSequenceLength = 16 });

        var result = engine.Generate([TinyPolicy.Request("r", 10, TinyPolicy.Greedy(100))])[0];

        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(6, result.GeneratedIds.Count);
    }

    [Fact]
    public void EosAndStopTokenIdsEndTheSampleOnTheTokenThatProducedThem()
    {
        using var probe = TinyPolicy.Create();
        using var probeEngine = new GenerationEngine(probe);
        var free = probeEngine.Generate([TinyPolicy.Request("r", 5, TinyPolicy.Greedy(20))])[0].GeneratedIds;
        var third = free[2];
        var firstAt = free.ToList().IndexOf(third);

        using var model = TinyPolicy.Create(eos: [third]);
        using var engine = new GenerationEngine(model);
        var eos = engine.Generate([TinyPolicy.Request("r", 5, TinyPolicy.Greedy(20))])[0];
        var stop = probeEngine.Generate([TinyPolicy.Request("r", 5, TinyPolicy.Greedy(20) with { StopTokenIds = [third] })])[0];

        Assert.Equal(FinishReason.Eos, eos.FinishReason);
        Assert.Equal(free.Take(firstAt + 1), eos.GeneratedIds);
        Assert.Equal(FinishReason.Stop, stop.FinishReason);
        Assert.Equal(free.Take(firstAt + 1), stop.GeneratedIds);
    }

    [Fact]
    public void AStopStringEndsTheSampleAtTheTokenThatCompletesIt()
    {
        var tokenizer = TokenizerFactory.Load("builtin");
        using var model = TinyPolicy.Create();
        using var engine = new GenerationEngine(model, tokenizer: tokenizer);
        var request = TinyPolicy.Request("r", 5, TinyPolicy.Sampled(40, seed: 1) with { TopK = 0, TopP = 1 });
        var free = engine.Generate([request])[0].GeneratedIds;
        // The builtin tokenizer has one token per byte; a random model emits many bytes that are not valid UTF-8 on
        // their own, so the stop string is an ASCII character the output first produces some tokens in.
        var stopString = free.Skip(3).Where(b => b is >= 32 and < 127).Select(b => ((char)b).ToString())
            .First(c => !tokenizer.Decode(free.Take(3)).Contains(c));
        var firstEnd = Enumerable.Range(1, free.Count).First(end => tokenizer.Decode(free.Take(end)).Contains(stopString));
        Assert.True(firstEnd > 3);

        var stopped = engine.Generate([request with { Sampling = request.Sampling with { StopStrings = [stopString] } }])[0];

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(free.Take(firstEnd), stopped.GeneratedIds);
    }

    [Fact]
    public void NewWeightsAreTakenWithoutRebuildingTheEngine()
    {
        using var first = TinyPolicy.Create(seed: 1);
        using var second = TinyPolicy.Create(seed: 2);
        var request = TinyPolicy.Request("r", 5, TinyPolicy.Greedy(12));
        using var reference = new GenerationEngine(second);
        var expected = reference.Generate([request])[0];
        using var engine = new GenerationEngine(first);
        var before = engine.Generate([request])[0];

        engine.LoadWeights(second.named_parameters().Select(p => (p.name, (TorchSharp.torch.Tensor)p.parameter)), version: 7);
        var after = engine.Generate([request])[0];

        Assert.NotEqual(expected.GeneratedIds, before.GeneratedIds);
        Assert.Equal(expected.GeneratedIds, after.GeneratedIds);
        Assert.Equal(7, engine.WeightsVersion);
        Assert.Throws<ArgumentException>(() => engine.LoadWeights([("model.norm.weight", TorchSharp.torch.ones(3))], 8));
    }
}
