using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PostTrain.Actors.Hosting;
using PostTrain.Modeling.Runtime;

namespace PostTrain.Cli.Commands;

/// <summary>
/// <c>posttrain silo --cluster redis://HOST:PORT</c>: a worker silo of a PostTrain cluster. It hosts rollout workers
/// until it is stopped (Ctrl-C, SIGTERM), or killed: the trainer then redoes its segments on the other silos.
/// </summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "the cluster's Redis server, redis://HOST:PORT", Required = true };
        var id = new Option<string>("--cluster-id") { Description = "the cluster id: the recipe's cluster.id", DefaultValueFactory = _ => "posttrain" };
        var address = new Option<string>("--address") { Description = "the address to listen on and advertise (default 127.0.0.1: this machine only)", DefaultValueFactory = _ => "127.0.0.1" };
        var siloPort = new Option<int>("--silo-port") { Description = "silo-to-silo port (default: a free one)" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "client gateway port (default: a free one)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for decoding (default: the processor count)" };
        var command = new Command("silo", "Join a PostTrain cluster over Redis as a rollout-worker silo") { cluster, id, address, siloPort, gatewayPort, threads };
        command.SetAction(result => CliAction.Run(() =>
        {
            var endpoint = RedisEndpoint.Parse(result.GetValue(cluster)!, "--cluster", schemeRequired: true);
            var listen = IPAddress.TryParse(result.GetValue(address), out var parsed) ? parsed
                : throw new ArgumentException($"--address: expected an IP address such as 127.0.0.1, got '{result.GetValue(address)}'");
            var spec = new PostTrainCluster(endpoint, result.GetValue(id)!)
            {
                Address = listen, SiloPort = result.GetValue(siloPort), GatewayPort = result.GetValue(gatewayPort),
            };
            return RunAsync(spec, result.GetValue(threads)).GetAwaiter().GetResult();
        }));
        return command;
    }

    static async Task<int> RunAsync(PostTrainCluster cluster, int? threads)
    {
        PostTrainCluster.Validate(cluster);
        await cluster.Redis.EnsureReachableAsync();
        TorchRuntime.Configure("cpu", threads ?? Environment.ProcessorCount);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime", LogLevel.Error);
        builder.Logging.AddFilter("PostTrain", LogLevel.Information); // one line per decoded share: what the silo is doing
        builder.UseOrleans(silo => silo.UsePostTrainCluster(cluster, SiloRole.Worker));
        using var host = builder.Build();
        await host.StartAsync();
        var details = host.Services.GetService(typeof(ILocalSiloDetails)) as ILocalSiloDetails;
        Console.WriteLine($"posttrain silo: {details?.Name} at {details?.SiloAddress} joined cluster '{cluster.ClusterId}' at {cluster.Redis}; " +
                          "hosting rollout workers until stopped (Ctrl-C)");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
