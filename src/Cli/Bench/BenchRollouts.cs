using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Policy;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Bench;

/// <summary>What the rollout benchmarks share: a model on the built-in tokenizer, an embedded system, prompts.</summary>
internal static class BenchRollouts
{
    public const int PromptTokens = 16;

    public static CausalLanguageModel Model(string preset)
    {
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get(preset), 260, null, [], null, true);
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed: 0);
    }

    public static async Task<(SegmentRollout Rollout, PolicyPublisher Publisher)> StartJobAsync(PostTrainHost host, string job,
        CausalLanguageModel model, RolloutSettings settings)
    {
        var publisher = new PolicyPublisher(host.Grains, job);
        await publisher.PublishAsync(model, 0);
        var rollout = new SegmentRollout(host.Grains, job, settings, TokenizerFactory.Load("builtin"), publisher);
        await rollout.InitializeAsync();
        return (rollout, publisher);
    }

    public static RolloutPrompt Prompt(int index, int[]? forcedLengths) => new()
    {
        Id = $"q{index}",
        PromptIds = Enumerable.Range(0, PromptTokens).Select(i => (index * 31 + i * 7) % 256).ToArray(),
        PromptText = $"question {index}",
        GroundTruth = "-",
        ForcedLengths = forcedLengths,
    };
}
