using Orleans.Concurrency;
using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Grains;

/// <summary>
/// Holds the current and the incoming policy version of a job in memory. It is not persisted: if it is lost with
/// its silo, the publisher uploads the current version again (<see cref="Policy.PolicyPublisher.EnsureStoredAsync"/>).
/// </summary>
public sealed class PolicyStoreGrain : Grain, IPolicyStoreGrain
{
    (PolicyManifest Manifest, byte[]?[] Chunks)? _current;
    (PolicyManifest Manifest, byte[]?[] Chunks)? _incoming;

    public Task BeginVersionAsync(PolicyManifest manifest)
    {
        if (_current is { } current && manifest.Version <= current.Manifest.Version)
            throw new ArgumentException($"policy version {manifest.Version} is not newer than the current {current.Manifest.Version}");
        _incoming = (manifest, new byte[]?[manifest.ChunkCount]);
        return Task.CompletedTask;
    }

    public Task PutChunkAsync(long version, int index, Immutable<byte[]> chunk)
    {
        if (_incoming is not { } incoming || incoming.Manifest.Version != version)
            throw new InvalidOperationException($"policy version {version} was not begun");
        if (index < 0 || index >= incoming.Chunks.Length)
            throw new ArgumentOutOfRangeException(nameof(index), $"chunk {index} of {incoming.Chunks.Length}");
        incoming.Chunks[index] = chunk.Value;
        return Task.CompletedTask;
    }

    public Task CommitVersionAsync(long version)
    {
        if (_incoming is not { } incoming || incoming.Manifest.Version != version)
            throw new InvalidOperationException($"policy version {version} was not begun");
        var missing = Array.FindIndex(incoming.Chunks, c => c is null);
        if (missing >= 0) throw new InvalidOperationException($"policy version {version} lacks chunk {missing} of {incoming.Chunks.Length}");
        _current = incoming;
        _incoming = null;
        return Task.CompletedTask;
    }

    public Task<PolicyManifest?> CurrentAsync() => Task.FromResult(_current?.Manifest);

    public Task<Immutable<byte[]>> GetChunkAsync(long version, int index)
    {
        if (_current is not { } current || current.Manifest.Version != version)
            throw new InvalidOperationException($"policy version {version} is not the current one ({_current?.Manifest.Version.ToString() ?? "none"})");
        return Task.FromResult(new Immutable<byte[]>(current.Chunks[index]!));
    }
}
