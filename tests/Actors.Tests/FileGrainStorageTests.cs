using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Segments;

namespace PostTrain.Actors.Tests;

/// <summary>The file grain store: state round-trips, and a stale writer cannot overwrite newer state.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), "posttrain-filestore-" + Guid.NewGuid().ToString("N"));
    readonly FileGrainStorage _storage;
    readonly GrainId _grain = GrainId.Create("buffer", "job-1");

    public FileGrainStorageTests()
    {
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(RolloutBufferState).Assembly)).BuildServiceProvider();
        _storage = new FileGrainStorage(_directory, services.GetRequiredService<Serializer>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    sealed class StoredState<T> : IGrainState<T> where T : new()
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    [Fact]
    public async Task StateRoundTripsAndTheETagCountsWrites()
    {
        var written = new StoredState<RolloutBufferState>();
        written.State.Step = 7;
        written.State.Run.Started = 16;
        written.State.Leased.Add("p#0");
        await _storage.WriteStateAsync("rollout-buffer", _grain, written);
        await _storage.WriteStateAsync("rollout-buffer", _grain, written);

        var read = new StoredState<RolloutBufferState>();
        await _storage.ReadStateAsync("rollout-buffer", _grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal((7L, 16L), (read.State.Step, read.State.Run.Started));
        Assert.Equal(["p#0"], read.State.Leased);
    }

    [Fact]
    public async Task AStaleWriterIsRefusedAndTheNewerStateKept()
    {
        var first = new StoredState<RolloutBufferState>();
        await _storage.WriteStateAsync("rollout-buffer", _grain, first);
        var stale = new StoredState<RolloutBufferState> { ETag = first.ETag };
        first.State.Step = 3;
        await _storage.WriteStateAsync("rollout-buffer", _grain, first);

        stale.State.Step = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("rollout-buffer", _grain, stale));

        var read = new StoredState<RolloutBufferState>();
        await _storage.ReadStateAsync("rollout-buffer", _grain, read);
        Assert.Equal(3, read.State.Step);
    }

    [Fact]
    public async Task AGrainWithoutAFileHasNoRecord()
    {
        var read = new StoredState<RolloutBufferState>();
        await _storage.ReadStateAsync("rollout-buffer", _grain, read);
        Assert.False(read.RecordExists);
    }
}
