using Orleans.TestingHost;
using Xunit.Abstractions;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Policy;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Actors.Tests;

/// <summary>A silo killed in the middle of a rollout step: its segments are decoded again elsewhere, nothing is lost.</summary>
public sealed class SiloLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly string _storage = Path.Combine(Path.GetTempPath(), "posttrain-siloloss-" + Guid.NewGuid().ToString("N"));
    InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterFixture.StartTwoSilosAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_storage)) Directory.Delete(_storage, recursive: true);
    }

    [Fact]
    public async Task SegmentsInFlightOnAKilledSiloAreRedoneOnTheOtherWithNothingLostOrCountedTwice()
    {
        using var model = TinyModels.Create();
        // A job whose worker 0 is placed on the second silo: that silo is the one killed (killing the first, which
        // the test's client started with, exercises the client's reconnection more than the rollout).
        var client = _cluster.Client;
        var job = await JobWithWorkerOnSecondSiloAsync(client);
        var settings = new RolloutSettings
        {
            GroupSize = 2, MaxResponseLength = 1800, Segments = 2, ActiveSamples = 8, Workers = 2, Seed = 5,
            Sampling = new SamplingSpec { Temperature = 0.9 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var publisher = new PolicyPublisher(client, job);
        await publisher.PublishAsync(model, 0);
        var rollout = new SegmentRollout(client, job, settings, TokenizerFactory.Load("builtin"), publisher);
        await rollout.InitializeAsync();
        var prompts = Enumerable.Range(0, 4).Select(i => TinyModels.Prompt($"p{i}", i, [300 + 400 * i, 1700 - 300 * i])).ToArray();
        await rollout.AddPromptsAsync(prompts);

        var worker = client.GetGrain<IRolloutWorkerGrain>(0, job);
        var doomed = _cluster.Silos[1];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var step = rollout.RunStepAsync(0);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(step.IsCompleted, "the step should still be decoding when the silo is killed");
        await _cluster.KillSiloAsync(doomed);
        output.WriteLine($"killed at {clock.Elapsed}");
        var results = new List<RolloutStepResult> { await step };
        output.WriteLine($"step 0 done at {clock.Elapsed}, retried {results[0].SegmentsRetried}");
        for (var next = 1; results.Sum(r => r.Report.Groups.Length) < prompts.Length && next < 6; next++)
            results.Add(await rollout.RunStepAsync(next));

        Assert.True(results[0].SegmentsRetried > 0);
        Assert.NotEqual(doomed.SiloAddress.ToString(), await worker.SiloAsync());
        var groups = results.SelectMany(r => r.Report.Groups).ToList();
        Assert.Equal(prompts.Select(p => p.Id).Order(), groups.Select(g => g.Prompt.Id).Order());
        foreach (var group in groups)
        {
            var prompt = prompts.Single(p => p.Id == group.Prompt.Id);
            for (var member = 0; member < 2; member++)
                Assert.Equal(TinyModels.Uninterrupted(model, settings, prompt, member).GeneratedIds, group.Samples[member].CompletionIds);
        }
        var snapshot = await rollout.SnapshotAsync();
        Assert.Equal((8L, 8L, 8L, 0L), (snapshot.Started, snapshot.Finished, snapshot.Trained, snapshot.Lost));
        Assert.Equal(0, snapshot.UnfinishedSamples + snapshot.FinishedSamples);
    }

    async Task<string> JobWithWorkerOnSecondSiloAsync(IGrainFactory client)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var job = $"silo-loss-{attempt}";
            if (await client.GetGrain<IRolloutWorkerGrain>(0, job).SiloAsync() == _cluster.Silos[1].SiloAddress.ToString()) return job;
        }
        throw new InvalidOperationException("no worker was placed on the second silo in 30 tries");
    }
}
