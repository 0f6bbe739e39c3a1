using Microsoft.Extensions.Options;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Policy;
using PostTrain.Actors.Segments;

namespace PostTrain.Actors.Grains;

/// <summary>
/// MR-SP's cache for one video: frames in grain storage, the newest version's embeddings in memory (they are
/// recomputed from the frames after a deactivation). Calls are not interleaved, so requests that arrive while the
/// first one encodes wait and are then served from the cache.
/// </summary>
public sealed class VideoEmbeddingGrain(
    [PersistentState("video-frames", ActorsHosting.StorageName)] IPersistentState<VideoEmbeddingState> storage,
    IOptions<PostTrainActorsOptions> options) : Grain, IVideoEmbeddingGrain
{
    VideoEmbeddings? _cached;
    long _hits, _encodes;

    (string JobId, string ContentHash) Key => VideoKeys.Parse(this.GetPrimaryKeyString());

    public async Task RegisterAsync(VideoFrames frames)
    {
        var hash = frames.ToClip().ContentHash;
        if (hash != Key.ContentHash)
            throw new ArgumentException($"frames with content hash {hash} cannot be registered as video {Key.ContentHash}");
        if (storage.State.Frames is not null) return;
        storage.State.Frames = frames;
        await storage.WriteStateAsync();
    }

    public Task<bool> IsRegisteredAsync() => Task.FromResult(storage.State.Frames is not null);

    public async Task<VideoEmbeddings> GetAsync(long encoderVersion)
    {
        if (_cached?.EncoderVersion == encoderVersion)
        {
            _hits++;
            return _cached;
        }
        _cached = null; // another encoder version: what was cached is stale
        _cached = await EncodeAsync(encoderVersion);
        return _cached;
    }

    public Task<VideoEmbeddings> EncodeUncachedAsync(long encoderVersion) => EncodeAsync(encoderVersion);

    public Task<VideoCacheCounters> CountersAsync() => Task.FromResult(new VideoCacheCounters { Hits = _hits, Encodes = _encodes });

    async Task<VideoEmbeddings> EncodeAsync(long encoderVersion)
    {
        var frames = storage.State.Frames
            ?? throw new InvalidOperationException($"video {Key.ContentHash} of job '{Key.JobId}' has no frames; register them first");
        var encoder = GrainFactory.GetGrain<IFrameEncoderGrain>(Key.JobId);
        var shards = FrameShards.Split(frames, options.Value.VideoEncodeShards);
        var parts = await Task.WhenAll(shards.Select(shard => encoder.EncodeAsync(shard, encoderVersion)));
        _encodes++;
        VideoEncoderCounters.AddVideo();
        return new VideoEmbeddings
        {
            ContentHash = Key.ContentHash,
            EncoderVersion = encoderVersion,
            Tokens = parts.Sum(p => p.Tokens),
            Hidden = parts[0].Hidden,
            Values = parts.Length == 1 ? parts[0].Values : parts.SelectMany(p => p.Values).ToArray(),
        };
    }
}

[GenerateSerializer]
public sealed class VideoEmbeddingState
{
    [Id(0)] public VideoFrames? Frames { get; set; }
}
