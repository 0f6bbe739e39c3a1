using System.Net;
using System.Net.Sockets;
using PostTrain.Actors.Hosting;

namespace PostTrain.Actors.Tests;

/// <summary>The cluster's Redis address: what is accepted, and the errors a user sees.</summary>
public sealed class RedisEndpointTests
{
    [Theory]
    [InlineData("redis://127.0.0.1:6379", false, "127.0.0.1", 6379)]
    [InlineData("redis://redis-host:7000", true, "redis-host", 7000)]
    [InlineData("localhost:6380", false, "localhost", 6380)]
    [InlineData("redis://[::1]:6379", true, "::1", 6379)]
    public void Addresses_with_and_without_the_scheme_are_read(string text, bool schemeRequired, string host, int port) =>
        Assert.Equal(new RedisEndpoint(host, port), RedisEndpoint.Parse(text, "--cluster", schemeRequired));

    [Theory]
    [InlineData("127.0.0.1:6379", true, "--cluster: expected redis://HOST:PORT, got '127.0.0.1:6379'")]
    [InlineData("http://127.0.0.1:6379", false, "--cluster: expected redis://HOST:PORT, got 'http://127.0.0.1:6379'")]
    [InlineData("redis://127.0.0.1", true, "--cluster: expected redis://HOST:PORT (e.g. 127.0.0.1:6379), got 'redis://127.0.0.1'")]
    [InlineData("redis://127.0.0.1:99999", true, "--cluster: the port of 'redis://127.0.0.1:99999' must be a number from 1 to 65535")]
    [InlineData("redis://user@host:6379", true, "--cluster: expected redis://HOST:PORT (e.g. 127.0.0.1:6379), got 'redis://user@host:6379'")]
    public void Anything_else_is_refused_with_the_form_expected(string text, bool schemeRequired, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => RedisEndpoint.Parse(text, "--cluster", schemeRequired)).Message);

    [Fact]
    public async Task An_unreachable_server_is_named_with_what_to_do()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        } // closed: nothing listens there now
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new RedisEndpoint("127.0.0.1", port).EnsureReachableAsync());
        Assert.StartsWith($"cannot reach Redis at 127.0.0.1:{port} (", error.Message);
        Assert.Contains($"redis-server --port {port}", error.Message);
    }

    [Fact]
    public void A_cluster_id_is_a_plain_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PostTrainCluster.Validate(new PostTrainCluster(new RedisEndpoint("127.0.0.1", 6379), "job one/two")));
        Assert.Equal("cluster id 'job one/two': use letters, digits, '-', '_' or '.'", error.Message);
    }
}
