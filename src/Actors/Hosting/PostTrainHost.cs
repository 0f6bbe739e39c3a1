using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PostTrain.Actors.Hosting;

/// <summary>
/// The embedded default: one process that is a whole PostTrain system, a silo with localhost clustering on free
/// loopback ports, whose co-hosted client drives the grains. Given a <see cref="PostTrainCluster"/>, the silo is
/// instead the trainer of that Redis cluster (<see cref="ClusterHosting"/>), whose rollout workers run on the
/// <c>posttrain silo</c> processes.
/// </summary>
public sealed class PostTrainHost : IAsyncDisposable
{
    public const string ServiceId = "posttrain";
    public const string DefaultClusterId = "posttrain-local";

    readonly IHost _host;

    PostTrainHost(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public IServiceProvider Services => _host.Services;
    public int GatewayPort { get; }

    public static async Task<PostTrainHost> StartAsync(Action<PostTrainActorsOptions>? configure = null,
        string clusterId = DefaultClusterId, Action<IServiceCollection>? services = null, PostTrainCluster? cluster = null)
    {
        if (cluster is not null)
        {
            PostTrainCluster.Validate(cluster);
            await cluster.Redis.EnsureReachableAsync();
        }
        var (siloPort, gatewayPort) = (FreePort(IPAddress.Loopback), FreePort(IPAddress.Loopback));
        if (cluster is not null)
        {
            (siloPort, gatewayPort) = (cluster.SiloPort != 0 ? cluster.SiloPort : FreePort(cluster.Address), cluster.GatewayPort != 0 ? cluster.GatewayPort : FreePort(cluster.Address));
            cluster = cluster with { SiloPort = siloPort, GatewayPort = gatewayPort };
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime", LogLevel.Error); // start-up notes (ServerGC, watchdog) would drown the run's own output
        services?.Invoke(builder.Services);
        if (cluster is null)
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: clusterId)
                .UsePostTrain(configure));
        else
            builder.UseOrleans(silo => silo.UsePostTrainCluster(cluster!, SiloRole.Trainer, configure));
        var host = builder.Build();
        await host.StartAsync();
        var started = new PostTrainHost(host, gatewayPort);
        if (cluster is not null)
        {
            try
            {
                await TrainerSilos.WaitUntilSoleTrainerAsync(started.Grains, cluster.ClusterId, TrainerWait);
            }
            catch
            {
                await started.DisposeAsync();
                throw;
            }
        }
        return started;
    }

    /// <summary>How long a trainer waits for a killed predecessor of its cluster id to be declared dead.</summary>
    public static TimeSpan TrainerWait { get; set; } = TimeSpan.FromSeconds(60);

    internal static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
