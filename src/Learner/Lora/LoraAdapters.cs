using PostTrain.Modeling.Architecture;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace PostTrain.Learner.Lora;

/// <summary>
/// The LoRA adapters attached to a model, by module name. Attaching freezes the base model: only adapters train.
/// A set can be detached and attached again (its weights kept), so that several sets share one base model with one
/// active at a time (<see cref="LoraAdapterBank"/>).
/// </summary>
public sealed class LoraAdapters
{
    readonly List<(string Module, Projection Target, LoraAdapter Adapter)> _adapters;

    LoraAdapters(LoraOptions options, List<(string, Projection, LoraAdapter)> adapters)
    {
        Options = options;
        _adapters = adapters;
    }

    public LoraOptions Options { get; }

    public int Count => _adapters.Count;

    /// <summary>True while this set's adapters sit on their projections (they change the model's outputs).</summary>
    public bool IsAttached { get; private set; } = true;

    public static LoraAdapters Attach(CausalLanguageModel model, LoraOptions options)
    {
        LoraOptions.Validate(options);
        var targets = model.named_modules()
            .Where(m => m.module is Projection && options.TargetModules.Contains(m.name.Split('.')[^1]))
            .Select(m => (m.name, (Projection)m.module)).ToList();
        if (targets.Any(t => t.Item2.Adapter is not null)) throw new InvalidOperationException("the model already has adapters");
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        var adapters = targets.Select(t => (t.name, t.Item2, new LoraAdapter(t.Item2, options))).ToList();
        foreach (var (_, target, adapter) in adapters) target.Adapter = adapter;
        return new LoraAdapters(options, adapters);
    }

    /// <summary>Trainable parameters under PEFT's key names (<c>base_model.model.{module}.lora_A.weight</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() =>
        _adapters.SelectMany(a => new[]
        {
            ($"base_model.model.{a.Module}.lora_A.weight", a.Adapter.A),
            ($"base_model.model.{a.Module}.lora_B.weight", a.Adapter.B),
        });

    public bool Training
    {
        set
        {
            foreach (var (_, _, adapter) in _adapters) adapter.Training = value;
        }
    }

    /// <summary>Takes this set's adapters off their projections, keeping their weights: the model computes as the base again.</summary>
    public void Detach()
    {
        if (!IsAttached) return;
        foreach (var (_, target, adapter) in _adapters)
            if (ReferenceEquals(target.Adapter, adapter)) target.Adapter = null;
        IsAttached = false;
    }

    /// <summary>Puts a detached set back on its projections; refused while another set occupies any of them.</summary>
    public void Reattach()
    {
        if (IsAttached) return;
        var occupied = _adapters.FirstOrDefault(a => a.Target.Adapter is not null);
        if (occupied.Target is not null)
            throw new InvalidOperationException($"'{occupied.Module}' already has another adapter; detach that set first");
        foreach (var (_, target, adapter) in _adapters) target.Adapter = adapter;
        IsAttached = true;
    }

    /// <summary>Adds each adapter's dense update into its weight and detaches it: a plain model to export.</summary>
    public void MergeAndDetach()
    {
        if (!IsAttached) throw new InvalidOperationException("a detached adapter set cannot be merged; reattach it first");
        using var noGrad = no_grad();
        foreach (var (_, target, adapter) in _adapters)
        {
            target.Weight.add_(adapter.DenseDelta().to(target.Weight.dtype));
            target.Adapter = null;
        }
        _adapters.Clear();
    }

    /// <summary>Copies saved adapter weights in (names and shapes must match).</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in NamedParameters())
        {
            if (!weights.TryGetValue(name, out var value))
                throw new ArgumentException($"{source}: '{name}' is missing from the adapter");
            if (!value.shape.SequenceEqual(parameter.shape))
                throw new ArgumentException($"{source}: '{name}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", parameter.shape)}]");
            parameter.copy_(value);
        }
    }
}
