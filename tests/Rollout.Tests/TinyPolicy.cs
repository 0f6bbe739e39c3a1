using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;

namespace PostTrain.Rollout.Tests;

internal static class TinyPolicy
{
    public const int Vocab = 260;

    /// <summary>A tiny random model whose logits are far from flat (init std 0.1), so sampling is not near uniform.</summary>
    public static CausalLanguageModel Create(ModelFamily family = ModelFamily.Qwen2, long seed = 3, int[]? eos = null)
    {
        var config = RandomModelFactory.Config(family, ModelPresets.Get("tiny"), Vocab, null, eos ?? [], null, false)
            with { InitializerRange = 0.1 };
        TorchSharp.torch.set_num_threads(2);
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed);
    }

    public static GenerationRequest Request(string id, int promptLength, SamplingParameters sampling, int salt = 0) =>
        new(id, Enumerable.Range(0, promptLength).Select(i => (i * 37 + salt * 11 + 5) % 256).ToArray(), sampling);

    public static SamplingParameters Greedy(int maxNewTokens) => new() { Temperature = 0, MaxNewTokens = maxNewTokens };

    public static SamplingParameters Sampled(int maxNewTokens, long seed) => new()
    {
        Temperature = 0.8, TopK = 40, TopP = 0.9, MaxNewTokens = maxNewTokens, Seed = seed,
    };
}
