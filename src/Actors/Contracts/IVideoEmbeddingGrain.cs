namespace PostTrain.Actors.Contracts;

/// <summary>
/// MR-SP's embedding cache for one video of one job (keyed <c>JOB/CONTENT_HASH</c>, see <see cref="VideoKeys"/>): it
/// holds the frames (in grain storage) and the embeddings of the newest encoder version asked for. The first request
/// for a version encodes the frames, split into shards across frame-encoder workers and gathered in order; every
/// later request (all G rollouts, the policy and reference prefills) is served from the cache. A request for another
/// version replaces the cached embeddings.
/// </summary>
public interface IVideoEmbeddingGrain : IGrainWithStringKey
{
    /// <summary>Stores the frames once; their content hash must be the key's.</summary>
    Task RegisterAsync(VideoFrames frames);

    Task<bool> IsRegisteredAsync();

    [ResponseTimeout("00:10:00")]
    Task<VideoEmbeddings> GetAsync(long encoderVersion);

    /// <summary>Encodes the frames without touching the cache: what every use costs without MR-SP.</summary>
    [ResponseTimeout("00:10:00")]
    Task<VideoEmbeddings> EncodeUncachedAsync(long encoderVersion);

    Task<VideoCacheCounters> CountersAsync();
}

public static class VideoKeys
{
    public static string Of(string jobId, string contentHash) => $"{jobId}/{contentHash}";

    public static (string JobId, string ContentHash) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || slash == key.Length - 1) throw new ArgumentException($"a video key is JOB/CONTENT_HASH, got '{key}'");
        return (key[..slash], key[(slash + 1)..]);
    }
}
