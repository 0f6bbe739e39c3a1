using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;

namespace PostTrain.Actors.Tests;

/// <summary>The embedded default (one process, localhost clustering) and a separate client joining it.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task AClientWithUsePostTrainReachesTheEmbeddedSilosGrains()
    {
        await using var silo = await PostTrainHost.StartAsync();
        var job = "hosting-" + Guid.NewGuid().ToString("N");
        var buffer = silo.Grains.GetGrain<IRolloutBufferGrain>(job);
        await buffer.ConfigureAsync(new RolloutSettings { GroupSize = 2, ActiveSamples = 4, Rewards = { ["exact_match"] = 1 } });
        await buffer.AddPromptsAsync([TinyModels.Prompt("p", 1)]);

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UsePostTrain(silo.GatewayPort));
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        var client = clientHost.Services.GetRequiredService<IClusterClient>();

        var snapshot = await client.GetGrain<IRolloutBufferGrain>(job).SnapshotAsync();
        Assert.Equal(1, snapshot.WaitingPrompts);
        await clientHost.StopAsync();
    }

    [Fact]
    public void FileStorageWithoutAFolderIsRefusedUpFront()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PostTrainActorsOptions.Validate(new PostTrainActorsOptions { Storage = GrainStorageKind.File }));
        Assert.Contains("no storage directory", error.Message);
    }
}
