using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Actors.Policy;

/// <summary>
/// An immutable copy of a policy's weights at one version. Workers in the publishing process decode with these very
/// tensors (no further copy); nothing may write to them after publishing.
/// </summary>
public sealed class PolicySnapshot(long version, DecoderConfig config, IReadOnlyList<(string Name, Tensor Tensor)> tensors)
{
    public long Version { get; } = version;
    public DecoderConfig Config { get; } = config;
    public IReadOnlyList<(string Name, Tensor Tensor)> Tensors { get; } = tensors;

    public static PolicySnapshot Capture(Modeling.Architecture.CausalLanguageModel model, long version)
    {
        using var noGrad = no_grad();
        var tensors = model.named_parameters()
            .Select(p => (p.name, p.parameter.detach().cpu().clone().DetachFromDisposeScope()))
            .ToList();
        return new PolicySnapshot(version, model.Config, tensors);
    }
}
