using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Policy;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Scoring;
using PostTrain.Modeling.Tokenization;
using static TorchSharp.torch;

namespace PostTrain.Actors.Tests;

/// <summary>Segment rollout through grains on two silos, checked token for token against uninterrupted generation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SegmentRolloutTests(ClusterFixture fixture)
{
    static RolloutSettings Settings => new()
    {
        GroupSize = 2,
        MaxResponseLength = 24,
        Segments = 4,
        ActiveSamples = 4,
        Workers = 2,
        Seed = 11,
        Sampling = new SamplingSpec { Temperature = 0.9, TopK = 50 },
        Rewards = { ["exact_match"] = 1.0 },
    };

    SegmentRollout Rollout(string job, RolloutSettings settings, PolicyPublisher publisher) =>
        new(fixture.Cluster.Client, job, settings, TokenizerFactory.Load("builtin"), publisher);

    [Fact]
    public async Task SamplesLongerThanASegmentFinishInLaterStepsWithExactTokens()
    {
        using var model = TinyModels.Create();
        var job = "segments-" + Guid.NewGuid().ToString("N");
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job);
        await publisher.PublishAsync(model, 0);
        var rollout = Rollout(job, Settings, publisher);
        await rollout.InitializeAsync();
        var prompts = new[] { TinyModels.Prompt("p0", 0, [3, 20]), TinyModels.Prompt("p1", 1, [24, 7]), TinyModels.Prompt("p2", 2, [13, 6]) };
        await rollout.AddPromptsAsync(prompts);

        var groups = new List<TrainingGroup>();
        var reports = new List<RolloutStepResult>();
        for (var step = 0; step < 12 && groups.Count < prompts.Length; step++)
        {
            var result = await rollout.RunStepAsync(step);
            reports.Add(result);
            groups.AddRange(result.Report.Groups);
        }

        Assert.Equal(prompts.Length, groups.Count);
        foreach (var group in groups)
        {
            var prompt = prompts.Single(p => p.Id == group.Prompt.Id);
            for (var member = 0; member < 2; member++)
            {
                var sample = group.Samples[member];
                var expected = TinyModels.Uninterrupted(model, Settings, prompt, member);
                Assert.Equal(expected.GeneratedIds, sample.CompletionIds);
                Assert.Equal(prompt.ForcedLengths![member], sample.CompletionIds.Length);
                Assert.All(sample.SegmentLengths.SkipLast(1), length => Assert.Equal(6, length));
                Assert.All(sample.SegmentVersions, version => Assert.Equal(0L, version));
                Assert.Equal(sample.CompletionIds.Length == 24, sample.Truncated);
            }
        }
        // p1#0 needs four segments of 6: it starts in step 0 and finishes in step 3.
        Assert.Equal(4, groups.Single(g => g.Prompt.Id == "p1").Samples[0].SegmentLengths.Length);
        Assert.True(reports[0].Report.CarriedOver > 0);
        var snapshot = await rollout.SnapshotAsync();
        Assert.Equal((6L, 6L, 0L, 0L), (snapshot.Started, snapshot.Finished, snapshot.Lost, snapshot.UnfinishedSamples + (long)snapshot.FinishedSamples));
        Assert.Equal(1, snapshot.Truncated);
    }

    [Fact]
    public async Task WorkersDecodeWithTheNewestPublishedWeights()
    {
        using var first = TinyModels.Create(seed: 3);
        using var second = TinyModels.Create(seed: 4);
        var job = "versions-" + Guid.NewGuid().ToString("N");
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job);
        await publisher.PublishAsync(first, 0);
        var settings = Settings with { Segments = 2, MaxResponseLength = 16 };
        var rollout = Rollout(job, settings, publisher);
        await rollout.InitializeAsync();
        var prompt = TinyModels.Prompt("p", 5, [16, 4]);
        await rollout.AddPromptsAsync([prompt]);

        var step0 = await rollout.RunStepAsync(0);
        await publisher.PublishAsync(second, 1);
        var step1 = await rollout.RunStepAsync(1);

        Assert.Empty(step0.Report.Groups);
        var sample = Assert.Single(step1.Report.Groups).Samples[0];
        Assert.Equal([0L, 1L], sample.SegmentVersions);
        var segment0 = TinyModels.Uninterrupted(first, settings, prompt, 0).GeneratedIds.Take(8).ToArray();
        var segment1 = TinyModels.Uninterrupted(second, settings, prompt, 0, prefix: segment0).GeneratedIds;
        Assert.Equal(segment0.Concat(segment1), sample.CompletionIds);
        Assert.Equal([1L], step1.PolicyVersions);
        Assert.True(await fixture.Cluster.Client.GetGrain<IRolloutWorkerGrain>(0, job).SharesPublishedWeightsAsync());

        // SAIS: each recorded log-prob is its token's log-prob under the version that generated its segment.
        var ids = prompt.PromptIds.Concat(sample.CompletionIds).ToArray();
        var temperature = settings.Sampling.Temperature;
        var underFirst = SequenceScorer.Score(first, [new ScoringRequest(ids, prompt.PromptIds.Length)], temperature)[0].LogProbs;
        var underSecond = SequenceScorer.Score(second, [new ScoringRequest(ids, prompt.PromptIds.Length)], temperature)[0].LogProbs;
        for (var t = 0; t < sample.LogProbs.Length; t++)
            Assert.Equal(t < 8 ? underFirst[t] : underSecond[t], sample.LogProbs[t], 3);
        Assert.True(Math.Abs(underFirst[12] - underSecond[12]) > 1e-2, "the two versions should disagree on a later token");
    }

    [Fact]
    public async Task WeightsDownloadedInChunksDecodeExactlyAsShared()
    {
        using var model = TinyModels.Create(seed: 5);
        var job = "chunks-" + Guid.NewGuid().ToString("N");
        // 1000-byte chunks: many of them, and tensor boundaries fall inside chunks.
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job, chunkBytes: 1000) { ShareInProcess = false };
        await publisher.PublishAsync(model, 0);
        var settings = Settings with { Segments = 1, MaxResponseLength = 8, Workers = 1 };
        var rollout = Rollout(job, settings, publisher);
        await rollout.InitializeAsync();
        var prompt = TinyModels.Prompt("p", 9);
        await rollout.AddPromptsAsync([prompt]);

        var group = Assert.Single((await rollout.RunStepAsync(0)).Report.Groups);

        Assert.False(await fixture.Cluster.Client.GetGrain<IRolloutWorkerGrain>(0, job).SharesPublishedWeightsAsync());
        for (var member = 0; member < 2; member++)
            Assert.Equal(TinyModels.Uninterrupted(model, settings, prompt, member).GeneratedIds, group.Samples[member].CompletionIds);
    }

    [Fact]
    public async Task TheBufferSurvivesItsGrainsDeactivation()
    {
        using var model = TinyModels.Create();
        var job = "deactivate-" + Guid.NewGuid().ToString("N");
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job);
        await publisher.PublishAsync(model, 0);
        var rollout = Rollout(job, Settings, publisher);
        await rollout.InitializeAsync();
        var prompt = TinyModels.Prompt("p", 3, [20, 2]);
        await rollout.AddPromptsAsync([prompt, TinyModels.Prompt("q", 4)]);
        await rollout.RunStepAsync(0);
        var before = await rollout.SnapshotAsync();

        var buffer = fixture.Cluster.Client.GetGrain<IRolloutBufferGrain>(job);
        await fixture.Cluster.DeactivateAsync(buffer);
        await fixture.Cluster.WaitForDeactivationAsync(buffer);

        Assert.Equivalent(before, await rollout.SnapshotAsync());
        Assert.Equal(3, before.UnfinishedSamples);
        TrainingGroup? group = null;
        for (var step = 1; group is null; step++) group = (await rollout.RunStepAsync(step)).Report.Groups.FirstOrDefault(g => g.Prompt.Id == "p");
        Assert.Equal(TinyModels.Uninterrupted(model, Settings, prompt, 0).GeneratedIds, group.Samples[0].CompletionIds);
    }
}
