using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PostTrain.Actors.Grains;

namespace PostTrain.Actors.Hosting;

/// <summary>
/// Joins a silo to a PostTrain cluster over Redis: membership and grain state in Redis under the cluster id,
/// endpoints on loopback unless told otherwise, and the grains its role hosts. The trainer hosts the buffer, the
/// policy store and the rewards (its own recipe's rewards are registered only there); worker silos host the rollout
/// workers, which <see cref="Placement.WorkerSpreadPlacement"/> spreads over them.
/// </summary>
public static class ClusterHosting
{
    /// <summary>Silo names start with the role, so that a trainer can tell other trainers of its cluster id apart.</summary>
    public static string SiloNamePrefix(SiloRole role) => role == SiloRole.Trainer ? "trainer-" : "worker-";

    public static ISiloBuilder UsePostTrainCluster(this ISiloBuilder silo, PostTrainCluster cluster, SiloRole role,
        Action<PostTrainActorsOptions>? configure = null)
    {
        PostTrainCluster.Validate(cluster);
        var (siloPort, gatewayPort) = (Port(cluster.SiloPort, cluster.Address), Port(cluster.GatewayPort, cluster.Address));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = PostTrainHost.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = $"{SiloNamePrefix(role)}{Environment.MachineName}-{Environment.ProcessId}");
        silo.ConfigureEndpoints(cluster.Address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        silo.UseRedisClustering(o => o.ConfigurationOptions = cluster.Redis.Configuration());
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A lost silo's segments wait for it to be declared dead: about 3 missed probes of 2 s, not 3 of 5 s.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Services.PostConfigure<GrainTypeOptions>(o =>
        {
            foreach (var type in role == SiloRole.Trainer ? [typeof(RolloutWorkerGrain)] : TrainerOnlyGrains) o.Classes.Remove(type);
        });
        return silo.UsePostTrain(o =>
        {
            configure?.Invoke(o);
            o.Storage = GrainStorageKind.Redis;
            o.Redis = cluster.Redis;
        });
    }

    static readonly Type[] TrainerOnlyGrains =
        [typeof(RolloutBufferGrain), typeof(PolicyStoreGrain), typeof(RewardGrain), typeof(VideoEmbeddingGrain)];

    static int Port(int port, IPAddress address) => port != 0 ? port : PostTrainHost.FreePort(address);
}
