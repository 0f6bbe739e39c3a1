using static TorchSharp.torch;

namespace PostTrain.Learner.Optimization;

/// <summary>A gradient or loss that is NaN or infinite: the step stops before any weight changes.</summary>
public sealed class NonFiniteGradientException(string message) : Exception(message);

public static class GradientClipping
{
    /// <summary>
    /// The global L2 norm of all gradients; when above <paramref name="maxNorm"/> every gradient is scaled by
    /// maxNorm / (norm + 1e-6), as torch's clip_grad_norm_. A non-finite norm throws, naming a parameter at fault.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<(string Name, Tensor Parameter)> parameters, double? maxNorm)
    {
        // Temporaries (and the grad handles) freed here, not left to the garbage collector's finalizers.
        using var scope = NewDisposeScope();
        var withGradients = parameters.Where(p => p.Parameter.grad is not null).ToList();
        using var noGrad = no_grad();
        double squared = 0;
        foreach (var (name, parameter) in withGradients)
        {
            var norm = parameter.grad!.to(ScalarType.Float64).square().sum().item<double>();
            if (!double.IsFinite(norm))
                throw new NonFiniteGradientException($"the gradient of '{name}' is not finite (NaN or infinite); the step was stopped and no weight changed");
            squared += norm;
        }
        var total = Math.Sqrt(squared);
        if (maxNorm is { } max && total > max)
        {
            var scale = max / (total + 1e-6);
            foreach (var (_, parameter) in withGradients) parameter.grad!.mul_(scale);
        }
        return total;
    }
}
