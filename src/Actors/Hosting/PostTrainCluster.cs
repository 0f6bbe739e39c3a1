using System.Net;

namespace PostTrain.Actors.Hosting;

/// <summary>
/// A PostTrain cluster: silos in separate processes that meet at one Redis server under one cluster id. The id keeps
/// jobs apart: silos and grain state of one id never see another's.
/// </summary>
public sealed record PostTrainCluster(RedisEndpoint Redis, string ClusterId)
{
    /// <summary>The address silos listen on and advertise: loopback unless told otherwise (see the README on TLS).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Silo-to-silo and gateway ports; 0 picks a free one.</summary>
    public int SiloPort { get; init; }
    public int GatewayPort { get; init; }

    public static void Validate(PostTrainCluster cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.ClusterId) || cluster.ClusterId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArgumentException($"cluster id '{cluster.ClusterId}': use letters, digits, '-', '_' or '.'");
        foreach (var (name, port) in new[] { ("silo port", cluster.SiloPort), ("gateway port", cluster.GatewayPort) })
            if (port is < 0 or > 65535) throw new ArgumentException($"{name} must be from 0 (any free port) to 65535, got {port}");
    }
}
