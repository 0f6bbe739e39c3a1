using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Actors.Policy;

/// <summary>Points a model's parameters at given tensors: the model then reads those tensors' memory, with no copy.</summary>
public static class PolicyWeights
{
    public static void Share(CausalLanguageModel model, IReadOnlyList<(string Name, Tensor Tensor)> weights)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var byName = weights.ToDictionary(w => w.Name, w => w.Tensor);
        var missing = parameters.Keys.Except(byName.Keys).ToList();
        if (missing.Count > 0) throw new ArgumentException($"published weights lack {missing.Count} parameters, e.g. '{missing[0]}'");
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            var tensor = byName[name];
            if (!parameter.shape.SequenceEqual(tensor.shape) || parameter.dtype != tensor.dtype)
                throw new ArgumentException($"published '{name}' is {tensor.dtype} [{string.Join(", ", tensor.shape)}], the model expects {parameter.dtype} [{string.Join(", ", parameter.shape)}]");
            parameter.requires_grad = false;
            parameter.set_(tensor);
        }
    }
}
