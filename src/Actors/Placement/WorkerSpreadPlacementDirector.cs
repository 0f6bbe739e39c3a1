using Orleans.Runtime.Placement;

namespace PostTrain.Actors.Placement;

/// <summary>
/// Places a grain keyed (index, job) on compatible silo <c>(index + hash(job)) mod n</c>: consecutive workers of a job
/// on different silos, jobs starting at different silos. See <see cref="WorkerSpreadPlacement"/>.
/// </summary>
public sealed class WorkerSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0) throw new OrleansException($"no silo can host {target.GrainIdentity}: is a worker silo running (posttrain silo)?");
        var ordered = silos.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        var slot = target.GrainIdentity.TryGetIntegerKey(out var index, out var job)
            ? (ulong)index + StableHash(job ?? "")
            : target.GrainIdentity.GetUniformHashCode();
        return Task.FromResult(ordered[(int)(slot % (ulong)ordered.Length)]);
    }

    // FNV-1a: the same on every silo and in every process (string.GetHashCode is randomised per process).
    static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
