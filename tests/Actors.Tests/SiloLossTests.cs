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
        _cluster = await ClusterFixture.StartTwoSilosAsync(_storage, silo => silo.AddIncomingGrainCallFilter<DecodeHold>());
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
            GroupSize = 2, MaxResponseLength = 2700, Segments = 2, ActiveSamples = 8, Workers = 2, Seed = 5,
            Sampling = new SamplingSpec { Temperature = 0.9 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var publisher = new PolicyPublisher(client, job);
        await publisher.PublishAsync(model, 0);
        var rollout = new SegmentRollout(client, job, settings, TokenizerFactory.Load("builtin"), publisher);
        await rollout.InitializeAsync();
        var prompts = Enumerable.Range(0, 4).Select(i => TinyModels.Prompt($"p{i}", i, [450 + 600 * i, 2550 - 450 * i])).ToArray();
        await rollout.AddPromptsAsync(prompts);

        var worker = client.GetGrain<IRolloutWorkerGrain>(0, job);
        var doomed = _cluster.Silos[1];
        DecodeHold.Silos.TryAdd(doomed.SiloAddress.ToString(), true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var step = rollout.RunStepAsync(0);
        await UntilDecodingAsync(worker, step);
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

    /// <summary>
    /// Waits until the worker is busy with its decode: the grain is not reentrant, so a call it does not answer at once
    /// is queued behind one (held there by <see cref="DecodeHold"/>).
    /// </summary>
    static async Task UntilDecodingAsync(IRolloutWorkerGrain worker, Task step)
    {
        while (true)
        {
            Assert.False(step.IsCompleted, "the step finished before its worker was seen decoding");
            var probe = worker.SiloAsync();
            if (await Task.WhenAny(probe, Task.Delay(TimeSpan.FromMilliseconds(250))) != probe)
            {
                _ = probe.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
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

/// <summary>
/// Never lets a worker decode on a listed silo answer, so that killing the silo always lands mid-call: on 2 busy cores
/// a kill can take seconds, long enough for a decode to finish and answer first. (A dead silo answers nothing either.)
/// </summary>
sealed class DecodeHold(ILocalSiloDetails silo) : IIncomingGrainCallFilter
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Silos = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.Name == nameof(IRolloutWorkerGrain.DecodeAsync) && Silos.ContainsKey(silo.SiloAddress.ToString()))
            await new TaskCompletionSource().Task;
    }
}
