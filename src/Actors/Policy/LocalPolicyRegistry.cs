using System.Collections.Concurrent;

namespace PostTrain.Actors.Policy;

/// <summary>
/// The policy versions published from this process, per job. A worker in the same process takes its weights from
/// here instead of through messages; the newest two versions per job are kept (one being published, one in use).
/// </summary>
public static class LocalPolicyRegistry
{
    static readonly ConcurrentDictionary<string, ConcurrentDictionary<long, PolicySnapshot>> Jobs = new();

    /// <summary>Identifies this process in a policy manifest.</summary>
    public static Guid ProcessId { get; } = Guid.NewGuid();

    public static void Add(string jobId, PolicySnapshot snapshot)
    {
        var versions = Jobs.GetOrAdd(jobId, _ => new ConcurrentDictionary<long, PolicySnapshot>());
        versions[snapshot.Version] = snapshot;
        foreach (var old in versions.Keys.OrderDescending().Skip(2))
        {
            // A snapshot being loaded right now by a worker must stay alive: drop the reference, let GC free it.
            versions.TryRemove(old, out _);
        }
    }

    public static PolicySnapshot? TryGet(string jobId, long version) =>
        Jobs.TryGetValue(jobId, out var versions) && versions.TryGetValue(version, out var snapshot) ? snapshot : null;
}
