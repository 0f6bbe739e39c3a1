using System.Net;
using PostTrain.Actors.Hosting;

namespace PostTrain.Recipes.Binding;

/// <summary><c>cluster</c>: where rollout workers run.</summary>
public sealed record ClusterSpec(ClusterProvider Provider, string? Connection, string Id)
{
    /// <summary><c>cluster.address</c>: what the trainer's silo listens on and advertises; loopback by default.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The Redis cluster to join, or null for the embedded default (this process is the whole system).</summary>
    public PostTrainCluster? ToCluster() => Provider == ClusterProvider.Redis
        ? new PostTrainCluster(RedisEndpoint.Parse(Connection!, "cluster.connection", schemeRequired: false), Id) { Address = IPAddress.Parse(Address) }
        : null;
}
