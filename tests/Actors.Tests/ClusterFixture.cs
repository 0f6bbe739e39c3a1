using Orleans.TestingHost;
using PostTrain.Actors.Hosting;

namespace PostTrain.Actors.Tests;

/// <summary>Two in-process silos with PostTrain hosted on each; grain state in files, so it outlives a silo.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string StorageDirectory { get; } = Path.Combine(Path.GetTempPath(), "posttrain-actors-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await StartTwoSilosAsync(StorageDirectory);
    }

    /// <summary>Two silos with PostTrain hosted and grain state in files under <paramref name="storage"/>.</summary>
    public static async Task<InProcessTestCluster> StartTwoSilosAsync(string storage, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostTrain(o =>
            {
                o.Storage = GrainStorageKind.File;
                o.StorageDirectory = storage;
            });
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(StorageDirectory)) Directory.Delete(StorageDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "two-silo cluster";
}
