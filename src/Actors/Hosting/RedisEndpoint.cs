using System.Net.Sockets;
using StackExchange.Redis;

namespace PostTrain.Actors.Hosting;

/// <summary>
/// The Redis server a cluster meets at: <c>redis://HOST:PORT</c> (the recipe's <c>cluster.connection</c> may leave out
/// the scheme). Silos find each other there (Orleans' membership table) and keep grain state there.
/// </summary>
public sealed record RedisEndpoint(string Host, int Port)
{
    public const string Scheme = "redis://";

    public override string ToString() => $"{Scheme}{Host}:{Port}";

    /// <summary>Reads <paramref name="text"/>; <paramref name="what"/> names where it came from in the error.</summary>
    public static RedisEndpoint Parse(string text, string what, bool schemeRequired)
    {
        var rest = text.Trim();
        if (rest.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) rest = rest[Scheme.Length..];
        else if (schemeRequired || rest.Contains("://"))
            throw new ArgumentException($"{what}: expected redis://HOST:PORT, got '{text}'");
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.IndexOfAny(['/', '@', '?', ' ']) >= 0)
            throw new ArgumentException($"{what}: expected {(schemeRequired ? "redis://" : "")}HOST:PORT (e.g. 127.0.0.1:6379), got '{text}'");
        var host = rest[..colon].Trim('[', ']');
        if (!int.TryParse(rest[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"{what}: the port of '{text}' must be a number from 1 to 65535");
        return new RedisEndpoint(host, port);
    }

    /// <summary>StackExchange.Redis settings: fail fast when the server is down rather than retrying for minutes.</summary>
    public ConfigurationOptions Configuration() => new()
    {
        EndPoints = { { Host, Port } },
        AbortOnConnectFail = true,
        ConnectTimeout = 5000,
        ConnectRetry = 2,
    };

    /// <summary>Pings the server, or throws an error that says where it looked and what to do.</summary>
    public async Task EnsureReachableAsync()
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration());
            await connection.GetDatabase().PingAsync();
        }
        catch (Exception e) when (e is RedisException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"cannot reach Redis at {Host}:{Port} ({FirstLine(e.Message)}); start one there (e.g. `redis-server --port {Port}`) " +
                "or point the cluster at a running server (posttrain silo --cluster redis://HOST:PORT, the recipe's cluster.connection)");
        }
    }

    static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] + "..." : line;
    }
}
