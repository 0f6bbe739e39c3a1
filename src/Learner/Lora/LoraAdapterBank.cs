using PostTrain.Modeling.Architecture;

namespace PostTrain.Learner.Lora;

/// <summary>
/// Several named LoRA adapter sets on one base model, at most one active (attached) at a time: Self-Lengthen's
/// Generator and Extender are two sets on the same weights. Switching only moves which set the projections call, so
/// each set's logits are exactly those it would give alone.
/// </summary>
public sealed class LoraAdapterBank
{
    readonly Dictionary<string, LoraAdapters> _sets;

    LoraAdapterBank(Dictionary<string, LoraAdapters> sets) => _sets = sets;

    /// <summary>The name of the attached set; null when the model computes as the base.</summary>
    public string? Active { get; private set; }

    public IReadOnlyCollection<string> Names => _sets.Keys;

    public LoraAdapters this[string name] => _sets.TryGetValue(name, out var set)
        ? set
        : throw new KeyNotFoundException($"no adapter set '{name}'; the bank holds {string.Join(", ", _sets.Keys)}");

    /// <summary>Creates one fresh set per name (each its own random A, zero B) and leaves none active.</summary>
    public static LoraAdapterBank Create(CausalLanguageModel model, LoraOptions options, IReadOnlyList<string> names)
    {
        if (names.Count == 0 || names.Distinct().Count() != names.Count)
            throw new ArgumentException($"adapter set names must be distinct and at least one; got [{string.Join(", ", names)}]");
        var sets = new Dictionary<string, LoraAdapters>();
        foreach (var name in names)
        {
            var set = LoraAdapters.Attach(model, options);
            set.Detach();
            sets[name] = set;
        }
        return new LoraAdapterBank(sets);
    }

    /// <summary>Attaches <paramref name="name"/>'s set, detaching whichever was active; returns it.</summary>
    public LoraAdapters Activate(string name)
    {
        var set = this[name];
        if (Active == name) return set;
        Deactivate();
        set.Reattach();
        Active = name;
        return set;
    }

    /// <summary>Detaches the active set, if any: the model computes as the base.</summary>
    public void Deactivate()
    {
        if (Active is null) return;
        _sets[Active].Detach();
        Active = null;
    }
}
