using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Actors.Policy;

/// <summary>
/// An immutable copy of a policy's weights at one version. Workers in the publishing process decode with these very
/// tensors (no further copy); nothing may write to them after publishing. A projection with an adapter (LoRA trained
/// by GRPO) is copied with the adapter merged in, so that workers decode what the learner computes.
/// </summary>
public sealed class PolicySnapshot(long version, DecoderConfig config, IReadOnlyList<(string Name, Tensor Tensor)> tensors)
{
    public long Version { get; } = version;
    public DecoderConfig Config { get; } = config;
    public IReadOnlyList<(string Name, Tensor Tensor)> Tensors { get; } = tensors;

    public static PolicySnapshot Capture(CausalLanguageModel model, long version)
    {
        using var noGrad = no_grad();
        var adapted = model.named_modules()
            .Where(m => m.module is Projection { Adapter: not null })
            .ToDictionary(m => $"{m.name}.weight", m => ((Projection)m.module).Adapter!);
        var tensors = model.named_parameters()
            .Select(p => (p.name, Copy(p.parameter, adapted.GetValueOrDefault(p.name))))
            .ToList();
        return new PolicySnapshot(version, model.Config, tensors);
    }

    static Tensor Copy(Tensor weight, IProjectionAdapter? adapter)
    {
        using var scope = NewDisposeScope();
        var copy = adapter is null ? weight.detach().clone() : weight.detach() + adapter.DenseDelta().to(weight.dtype);
        return copy.cpu().DetachFromDisposeScope();
    }
}
