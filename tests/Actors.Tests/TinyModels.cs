using PostTrain.Actors.Contracts;
using PostTrain.Actors.Segments;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Rollout.Engine;
using static TorchSharp.torch;

namespace PostTrain.Actors.Tests;

internal static class TinyModels
{
    public const int Vocab = 260;

    /// <summary>A tiny random model with peaked logits (init std 0.1) and no end-of-sequence token.</summary>
    public static CausalLanguageModel Create(long seed = 3)
    {
        set_num_threads(2);
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("tiny"), Vocab, null, [], null, false)
            with { InitializerRange = 0.1 };
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed);
    }

    public static RolloutPrompt Prompt(string id, int salt, int[]? forced = null) => new()
    {
        Id = id,
        PromptIds = Enumerable.Range(0, 5).Select(i => (i * 37 + salt * 11 + 5) % 256).ToArray(),
        PromptText = $"prompt {id}",
        GroundTruth = "never",
        ForcedLengths = forced,
    };

    /// <summary>What the sample would be with no segments at all: one uninterrupted generation on <paramref name="model"/>.</summary>
    public static GenerationResult Uninterrupted(CausalLanguageModel model, RolloutSettings settings, RolloutPrompt prompt, int member,
        IReadOnlyList<int>? prefix = null)
    {
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 1, MaxSequenceLength = 4096 });
        var maxNew = Math.Min(prompt.ForcedLengths?[member] ?? int.MaxValue, settings.MaxResponseLength);
        var seed = RolloutLedger.SampleSeed(settings.Seed, prompt.Id, member);
        var request = new GenerationRequest("x", prompt.PromptIds, settings.Sampling.ToParameters(maxNew, seed)) { PrefixIds = prefix ?? [] };
        return engine.Generate([request])[0];
    }
}
