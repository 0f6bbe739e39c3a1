using Orleans.Concurrency;

namespace PostTrain.Actors.Contracts;

/// <summary>
/// Versioned policy weights of one job (keyed by job id). The publisher uploads each version in chunks well under
/// Orleans' message limit; workers in other processes download them the same way, while workers in the publisher's
/// process take the published tensors directly.
/// </summary>
public interface IPolicyStoreGrain : IGrainWithStringKey
{
    Task BeginVersionAsync(PolicyManifest manifest);

    Task PutChunkAsync(long version, int index, Immutable<byte[]> chunk);

    /// <summary>Makes a fully uploaded version the current one.</summary>
    Task CommitVersionAsync(long version);

    /// <summary>The current version's manifest, or null before the first publish.</summary>
    Task<PolicyManifest?> CurrentAsync();

    Task<Immutable<byte[]>> GetChunkAsync(long version, int index);
}
