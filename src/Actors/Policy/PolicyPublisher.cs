using Orleans.Concurrency;
using PostTrain.Actors.Contracts;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Actors.Policy;

/// <summary>
/// Publishes a learner's weights as a new policy version: a snapshot kept in this process for local workers, and
/// the same bytes uploaded in chunks to the job's policy store for workers elsewhere.
/// </summary>
public sealed class PolicyPublisher(IGrainFactory grains, string jobId, int chunkBytes = WeightChunks.DefaultChunkBytes)
{
    /// <summary>
    /// When false, workers in this process load the chunks as remote ones would (tests use it to exercise that path).
    /// </summary>
    public bool ShareInProcess { get; init; } = true;

    readonly SemaphoreSlim _uploading = new(1, 1);
    PolicySnapshot? _latest;

    public long? PublishedVersion => _latest?.Version;

    public async Task PublishAsync(CausalLanguageModel model, long version)
    {
        if (_latest is not null && version <= _latest.Version)
            throw new ArgumentException($"policy version {version} is not newer than the published {_latest.Version}");
        var snapshot = PolicySnapshot.Capture(model, version);
        if (ShareInProcess) LocalPolicyRegistry.Add(jobId, snapshot);
        _latest = snapshot;
        await UploadAsync(snapshot);
    }

    /// <summary>Uploads the latest version again if the store lost it (its silo went away and it came back empty).</summary>
    public async Task EnsureStoredAsync()
    {
        if (_latest is null) return;
        await _uploading.WaitAsync();
        try
        {
            // Several workers may be lost at once; the first caller uploads, the others find it done.
            var current = await grains.GetGrain<IPolicyStoreGrain>(jobId).CurrentAsync();
            if (current?.Version != _latest.Version) await UploadLockedAsync(_latest);
        }
        finally
        {
            _uploading.Release();
        }
    }

    async Task UploadAsync(PolicySnapshot snapshot)
    {
        await _uploading.WaitAsync();
        try
        {
            await UploadLockedAsync(snapshot);
        }
        finally
        {
            _uploading.Release();
        }
    }

    async Task UploadLockedAsync(PolicySnapshot snapshot)
    {
        var store = grains.GetGrain<IPolicyStoreGrain>(jobId);
        var manifest = new PolicyManifest
        {
            Version = snapshot.Version,
            ConfigJson = DecoderConfigWriter.ToJson(snapshot.Config).ToJsonString(),
            Tensors = WeightChunks.Describe(snapshot),
            ChunkBytes = chunkBytes,
            PublisherProcess = ShareInProcess ? LocalPolicyRegistry.ProcessId : Guid.Empty,
        };
        await store.BeginVersionAsync(manifest);
        var index = 0;
        foreach (var chunk in WeightChunks.Split(snapshot, chunkBytes))
            await store.PutChunkAsync(snapshot.Version, index++, new Immutable<byte[]>(chunk));
        await store.CommitVersionAsync(snapshot.Version);
    }
}
