using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using PostTrain.Actors.Placement;
using PostTrain.Rewards;

namespace PostTrain.Actors.Hosting;

/// <summary>Adds PostTrain's grains and their services to Orleans silos and clients.</summary>
public static class ActorsHosting
{
    /// <summary>The grain storage every PostTrain grain persists to.</summary>
    public const string StorageName = "posttrain";

    /// <summary>
    /// Hosts PostTrain on this silo: grain storage (memory unless configured otherwise) and the built-in rewards.
    /// Clustering is the caller's choice; <see cref="PostTrainHost"/> gives localhost clustering by default.
    /// </summary>
    public static ISiloBuilder UsePostTrain(this ISiloBuilder silo, Action<PostTrainActorsOptions>? configure = null)
    {
        var options = new PostTrainActorsOptions();
        configure?.Invoke(options);
        PostTrainActorsOptions.Validate(options);
        silo.Services.Configure<PostTrainActorsOptions>(o =>
        {
            o.Storage = options.Storage;
            o.StorageDirectory = options.StorageDirectory;
            o.Redis = options.Redis;
            o.RewardLimits = options.RewardLimits;
            o.VideoEncodeShards = options.VideoEncodeShards;
        });
        if (options.Storage == GrainStorageKind.File)
        {
            var directory = Path.GetFullPath(options.StorageDirectory!);
            silo.Services.AddGrainStorage(StorageName, (services, _) => new FileGrainStorage(directory, services.GetRequiredService<Serializer>()));
        }
        else if (options.Storage == GrainStorageKind.Redis)
        {
            var redis = options.Redis!;
            silo.AddRedisGrainStorage(StorageName, builder => builder.Configure<Serializer, IOptions<ClusterOptions>>((o, serializer, cluster) =>
            {
                o.ConfigurationOptions = redis.Configuration();
                // Orleans' binary serializer, as the file store uses: the ledger's records need no JSON contract.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                // The cluster id in the key: two jobs on one Redis server never share state.
                var prefix = $"{cluster.Value.ServiceId}/{cluster.Value.ClusterId}/state/";
                o.GetStorageKey = (grainType, grainId) => $"{prefix}{grainId}/{grainType}";
            }));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageName);
        }
        silo.Services.AddPlacementDirector<WorkerSpreadPlacement, WorkerSpreadPlacementDirector>();
        silo.Services.AddBuiltInRewards();
        return silo;
    }

    /// <summary>A client of a PostTrain cluster on this machine (localhost clustering through the given gateway).</summary>
    public static IClientBuilder UsePostTrain(this IClientBuilder client, int gatewayPort, string clusterId = PostTrainHost.DefaultClusterId) =>
        client.UseLocalhostClustering(gatewayPort, PostTrainHost.ServiceId, clusterId);
}
