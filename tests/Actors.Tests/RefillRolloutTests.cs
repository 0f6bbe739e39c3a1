using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Policy;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Actors.Tests;

/// <summary>Refilled segment rollout through grains on two silos, checked token for token against uninterrupted generation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RefillRolloutTests(ClusterFixture fixture)
{
    static RolloutSettings Settings => new()
    {
        GroupSize = 2,
        MaxResponseLength = 24,
        Segments = 4,
        ActiveSamples = 4,
        RefillSamples = 4,
        Workers = 2,
        Seed = 5,
        Sampling = new SamplingSpec { Temperature = 0.9, TopK = 50 },
        Rewards = { ["exact_match"] = 1.0 },
    };

    [Fact]
    public async Task SamplesStartedInFreedSlotsContinueExactlyWithTheVersionOfEachSegment()
    {
        using var model = TinyModels.Create();
        var job = "refill-" + Guid.NewGuid().ToString("N");
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job);
        await publisher.PublishAsync(model, 0);
        var rollout = new SegmentRollout(fixture.Cluster.Client, job, Settings, TokenizerFactory.Load("builtin"), publisher);
        await rollout.InitializeAsync();
        var prompts = new[]
        {
            TinyModels.Prompt("p0", 0, [2, 20]), TinyModels.Prompt("p1", 1, [24, 3]), TinyModels.Prompt("p2", 2, [13, 4]),
            TinyModels.Prompt("p3", 3, [5, 9]), TinyModels.Prompt("p4", 4, [7, 1]), TinyModels.Prompt("p5", 5, [11, 2]),
        };
        await rollout.AddPromptsAsync(prompts);

        var groups = new List<TrainingGroup>();
        var results = new List<RolloutStepResult>();
        for (var step = 0; step < 20 && groups.Count < prompts.Length; step++)
        {
            // Same weights under a new version each step: tokens stay comparable, versions show which step decoded what.
            if (step > 0) await publisher.PublishAsync(model, step);
            var result = await rollout.RunStepAsync(step);
            results.Add(result);
            groups.AddRange(result.Report.Groups);
        }

        Assert.Equal(prompts.Length, groups.Count);
        Assert.True(results.Sum(r => r.Report.StartedMidStep) > 0, "some group should have started in a freed slot");
        // Every worker's batch (2 slots) ends after the segment's 6 rounds: at most 5 decode steps.
        Assert.All(results, r => Assert.True(r.SlotSteps <= 2 * 2 * 5, $"{r.SlotSteps} slot-steps in one step"));
        var lateStarts = 0;
        foreach (var group in groups)
        {
            var prompt = prompts.Single(p => p.Id == group.Prompt.Id);
            for (var member = 0; member < 2; member++)
            {
                var sample = group.Samples[member];
                Assert.Equal(TinyModels.Uninterrupted(model, Settings, prompt, member).GeneratedIds, sample.CompletionIds);
                Assert.Equal(sample.CompletionIds.Length, sample.SegmentLengths.Sum());
                Assert.All(sample.SegmentLengths, length => Assert.InRange(length, 1, 6));
                // One segment per step, each under the version published for its step.
                Assert.Equal(sample.SegmentVersions.Distinct().Order(), sample.SegmentVersions);
                Assert.All(sample.SegmentVersions, version => Assert.InRange(version, 0L, results.Count - 1L));
                if (sample.SegmentLengths.Length > 1 && sample.SegmentLengths[0] < 6) lateStarts++;
            }
        }
        Assert.True(lateStarts > 0, "some sample should have started late in a step and carried over");
        Assert.Equal(groups.Count * 2, groups.SelectMany(g => g.Samples).Select(s => s.Id).Distinct().Count());
        var snapshot = await rollout.SnapshotAsync();
        Assert.Equal((12L, 12L, 12L, 0L), (snapshot.Started, snapshot.Finished, snapshot.Trained, snapshot.Lost));
        Assert.Equal((0, 0, 0), (snapshot.UnfinishedSamples, snapshot.FinishedSamples, snapshot.WaitingPrompts));
        Assert.Equal(1, snapshot.Truncated);
    }
}
