using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace PostTrain.Learner.Optimization;

/// <summary>
/// AdamW (Loshchilov and Hutter) with PyTorch's update rule, decay and no-decay parameter groups, and moments kept in
/// float32 (or float64) whatever the weights' dtype. Its state is plain named tensors so checkpoints can save it.
/// </summary>
public sealed class AdamW
{
    readonly List<(string Name, Parameter Parameter, bool Decay)> _parameters;
    readonly Dictionary<string, (Tensor Mean, Tensor Variance)> _moments = new();

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, AdamWOptions options)
    {
        AdamWOptions.Validate(options);
        Options = options;
        _parameters = parameters.Where(p => p.Parameter.requires_grad)
            .Select(p => (p.Name, p.Parameter, Decays(p.Name, p.Parameter))).ToList();
    }

    public AdamWOptions Options { get; }

    /// <summary>Updates taken so far.</summary>
    public long Step { get; private set; }

    /// <summary>Whether weight decay applies: matrices yes; biases, norm weights and embeddings no (as Hugging Face).</summary>
    public static bool Decays(string name, Tensor parameter) =>
        parameter.dim() >= 2 && !name.Contains("embed_tokens", StringComparison.Ordinal) && !name.Contains("norm", StringComparison.Ordinal);

    public void Update(double learningRate)
    {
        Step++;
        var correction1 = 1 - Math.Pow(Options.Beta1, Step);
        var correction2 = 1 - Math.Pow(Options.Beta2, Step);
        using var noGrad = no_grad();
        foreach (var (name, parameter, decay) in _parameters)
        {
            if (parameter.grad is null) continue;
            using var scope = NewDisposeScope();
            var stateType = parameter.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
            var gradient = parameter.grad.to(stateType);
            if (!_moments.TryGetValue(name, out var moments))
            {
                moments = (zeros_like(gradient).DetachFromDisposeScope(), zeros_like(gradient).DetachFromDisposeScope());
                _moments[name] = moments;
            }
            moments.Mean.mul_(Options.Beta1).add_(gradient, 1 - Options.Beta1);
            moments.Variance.mul_(Options.Beta2).addcmul_(gradient, gradient, 1 - Options.Beta2);
            var master = parameter.to(stateType);
            if (decay && Options.WeightDecay > 0) master = master * (1 - learningRate * Options.WeightDecay);
            var denominator = (moments.Variance / correction2).sqrt() + Options.Epsilon;
            master = master - learningRate * (moments.Mean / correction1) / denominator;
            parameter.copy_(master);
        }
    }

    public void ZeroGradients()
    {
        foreach (var (_, parameter, _) in _parameters) parameter.grad = null;
    }

    /// <summary>Moments by name (<c>{param}.exp_avg</c>, <c>{param}.exp_avg_sq</c>) for saving.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> State() =>
        _moments.SelectMany(pair => new[] { (pair.Key + ".exp_avg", pair.Value.Mean), (pair.Key + ".exp_avg_sq", pair.Value.Variance) });

    public void LoadState(long step, IReadOnlyDictionary<string, Tensor> state)
    {
        Step = step;
        _moments.Clear();
        foreach (var (name, parameter, _) in _parameters)
        {
            if (!state.TryGetValue(name + ".exp_avg", out var mean) || !state.TryGetValue(name + ".exp_avg_sq", out var variance))
                continue;
            if (!mean.shape.SequenceEqual(parameter.shape))
                throw new ArgumentException($"optimizer state for '{name}' has shape [{string.Join(", ", mean.shape)}], expected [{string.Join(", ", parameter.shape)}]");
            _moments[name] = (mean.clone().to(parameter.device), variance.clone().to(parameter.device));
        }
    }
}
