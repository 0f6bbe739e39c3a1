using PostTrain.Rewards.Isolation;

namespace PostTrain.Actors.Hosting;

/// <summary>How a silo hosts PostTrain's grains.</summary>
public sealed class PostTrainActorsOptions
{
    /// <summary>Where grain state lives. Memory is the embedded default; a file or Redis store survives the loss of a silo.</summary>
    public GrainStorageKind Storage { get; set; } = GrainStorageKind.Memory;

    /// <summary>Folder of the file store (shared by every silo that may host the state).</summary>
    public string? StorageDirectory { get; set; }

    /// <summary>The Redis server of <see cref="GrainStorageKind.Redis"/> (a cluster's).</summary>
    public RedisEndpoint? Redis { get; set; }

    /// <summary>Per-sample limits of every reward grain.</summary>
    public RewardLimits RewardLimits { get; set; } = new();

    /// <summary>Shards a video's frames are split into for encoding, each on its own frame-encoder activation.</summary>
    public int VideoEncodeShards { get; set; } = 2;

    public static void Validate(PostTrainActorsOptions options)
    {
        if (options.Storage == GrainStorageKind.File && string.IsNullOrWhiteSpace(options.StorageDirectory))
            throw new ArgumentException("actors.storage is 'file' but no storage directory is set");
        if (options.Storage == GrainStorageKind.Redis && options.Redis is null)
            throw new ArgumentException("grain storage is 'redis' but no Redis server is set");
        RewardLimits.Validate(options.RewardLimits);
        if (options.VideoEncodeShards < 1)
            throw new ArgumentException($"video encode shards must be at least 1, got {options.VideoEncodeShards}");
    }
}

public enum GrainStorageKind
{
    Memory,
    File,

    /// <summary>In the cluster's Redis server, under its cluster id: what a cluster uses.</summary>
    Redis,
}
