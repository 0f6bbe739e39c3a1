using PostTrain.Learner.Batches;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

internal static class TinyModel
{
    public const int Vocab = 97;

    public static CausalLanguageModel Create(ModelFamily family = ModelFamily.Qwen3, ScalarType dtype = ScalarType.Float64,
        long seed = 11, bool tied = false)
    {
        set_num_threads(2);
        var config = RandomModelFactory.Config(family, ModelPresets.Get("tiny"), Vocab, null, [], null, tied)
            with { InitializerRange = 0.1 };
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(dtype), seed);
    }

    /// <summary>Deterministic sequences of assorted prompt and completion lengths.</summary>
    public static TrainingSequence Sequence(int prompt, int completion, int salt) => new(
        Enumerable.Range(0, prompt).Select(i => (i * 7 + salt * 13 + 1) % Vocab).ToArray(),
        Enumerable.Range(0, completion).Select(i => (i * 11 + salt * 5 + 3) % Vocab).ToArray());

    public static Dictionary<string, Tensor> Gradients(CausalLanguageModel model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad is null ? zeros_like(p.parameter) : p.parameter.grad.clone());

    public static void ZeroGradients(CausalLanguageModel model)
    {
        foreach (var parameter in model.parameters()) parameter.grad = null;
    }

    /// <summary>|a - b| / |b| over all parameters together.</summary>
    public static double RelativeError(Dictionary<string, Tensor> actual, Dictionary<string, Tensor> expected)
    {
        double difference = 0, norm = 0;
        foreach (var (name, value) in expected)
        {
            difference += (actual[name] - value).to(ScalarType.Float64).square().sum().to(ScalarType.Float64).item<double>();
            norm += value.to(ScalarType.Float64).square().sum().to(ScalarType.Float64).item<double>();
        }
        return Math.Sqrt(difference / norm);
    }
}
