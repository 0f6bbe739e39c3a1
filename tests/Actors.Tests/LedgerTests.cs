using PostTrain.Actors.Contracts;
using PostTrain.Actors.Segments;
using PostTrain.Core.Generation;

namespace PostTrain.Actors.Tests;

/// <summary>The segment-rollout rules of the buffer, without Orleans.</summary>
public sealed class LedgerTests
{
    static RolloutSettings Settings(int segments = 2, int active = 4) => new()
    {
        GroupSize = 2, MaxResponseLength = 10, Segments = segments, ActiveSamples = active, Rewards = { ["r"] = 1 },
    };

    static RolloutPrompt Prompt(string id) => new() { Id = id, PromptIds = [1, 2, 3] };

    // Token ids say where they stand in their sample: 100 + position.
    internal static SegmentOutcome Outcome(SegmentTask task, int tokens, FinishReason finish, long version = 0) => new()
    {
        SampleId = task.SampleId,
        SegmentIndex = task.SegmentIndex,
        PolicyVersion = version,
        TokenIds = Enumerable.Range(100 + task.PrefixIds.Length, tokens).ToArray(),
        LogProbs = Enumerable.Repeat(-0.5f, tokens).ToArray(),
        Finish = finish,
    };

    static RolloutLedger Ledger(RolloutSettings settings, params string[] prompts)
    {
        var ledger = new RolloutLedger(new RolloutBufferState());
        ledger.Configure(settings);
        ledger.AddPrompts(prompts.Select(Prompt));
        return ledger;
    }

    static void ScoreAll(RolloutLedger ledger, Func<string, double> score) =>
        ledger.RecordRewards(ledger.Unscored().ToList().Select(s => new RewardRecord { SampleId = s.Id, Score = score(s.Id) }));

    [Fact]
    public void UnfinishedSamplesCarryOverWithTheirPrefixAndGoFirst()
    {
        var ledger = Ledger(Settings(), "a", "b", "c");

        var first = ledger.BeginStep(0);
        Assert.Equal(["a#0", "a#1", "b#0", "b#1"], first.Select(t => t.SampleId));
        Assert.All(first, t => Assert.Equal(5, t.Budget));
        ledger.CompleteSegments(0, [Outcome(first[0], 5, FinishReason.Budget, version: 7),
            .. first.Skip(1).Select(t => Outcome(t, 2, FinishReason.Eos))]);
        ScoreAll(ledger, _ => 1);
        var report = ledger.CompleteStep(0);

        Assert.Equal((4, 3, 1), (report.Started, report.Finished, report.CarriedOver));
        var group = Assert.Single(report.Groups);
        Assert.Equal("b", group.Prompt.Id);

        var second = ledger.BeginStep(1);
        Assert.Equal(["a#0", "c#0", "c#1"], second.Select(t => t.SampleId));
        Assert.Equal(1, second[0].SegmentIndex);
        Assert.Equal([100, 101, 102, 103, 104], second[0].PrefixIds);
        Assert.Equal(5, second[0].Budget);

        ledger.CompleteSegments(1, second.Select(t => Outcome(t, 3, FinishReason.Eos, version: 8)).ToArray());
        ScoreAll(ledger, id => id.EndsWith("#0") ? 1 : 0);
        var done = ledger.CompleteStep(1);
        var a0 = done.Groups.Single(g => g.Prompt.Id == "a").Samples[0];
        Assert.Equal([100, 101, 102, 103, 104, 105, 106, 107], a0.CompletionIds);
        Assert.Equal([7L, 8L], a0.SegmentVersions);
        Assert.Equal([5, 3], a0.SegmentLengths);
        Assert.Equal(0, ledger.Snapshot().Lost);
        Assert.Equal(6, ledger.Snapshot().Trained);
    }

    [Fact]
    public void RepeatedOrStaleOutcomesAreAppliedOnce()
    {
        var ledger = Ledger(Settings(), "a");
        var tasks = ledger.BeginStep(0);
        var outcome = Outcome(tasks[0], 2, FinishReason.Eos);

        Assert.Equal(1, ledger.CompleteSegments(0, [outcome]));
        Assert.Equal(0, ledger.CompleteSegments(0, [outcome]));
        Assert.Equal(0, ledger.CompleteSegments(5, [Outcome(tasks[1], 2, FinishReason.Eos)]));
        Assert.Equal(1, ledger.CompleteSegments(0, [Outcome(tasks[1], 2, FinishReason.Eos)]));
        Assert.Equal(2, ledger.State.Run.Finished);
    }

    [Fact]
    public void AStepWhoseControllerDiedIsLeasedAgainFromTheSamePrefix()
    {
        var ledger = Ledger(Settings(), "a");
        var first = ledger.BeginStep(0);
        ledger.CompleteSegments(0, [Outcome(first[0], 5, FinishReason.Budget)]);

        var again = ledger.BeginStep(0);
        Assert.Equal(["a#1"], again.Select(t => t.SampleId));

        var next = ledger.BeginStep(1);
        Assert.Equal(["a#0", "a#1"], next.Select(t => t.SampleId));
        Assert.Empty(next[1].PrefixIds);
        Assert.Equal(0, next[1].SegmentIndex);
        Assert.Equal(5, next[0].PrefixIds.Length);
        Assert.Equal(1, ledger.State.Run.SegmentsRedone);
        Assert.Equal(2, ledger.State.Run.Started);
    }

    [Fact]
    public void CompletingAStepAgainReturnsTheSameGroups()
    {
        var ledger = Ledger(Settings(), "a");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, tasks.Select(t => Outcome(t, 1, FinishReason.Eos)).ToArray());
        ScoreAll(ledger, _ => 1);

        var report = ledger.CompleteStep(0);
        Assert.Same(report, ledger.CompleteStep(0));
        Assert.Single(report.Groups);
    }

    [Theory]
    [InlineData(TruncationPolicy.ZeroReward, 0.0, true, 0L)]
    [InlineData(TruncationPolicy.Mask, 0.75, false, 1L)]
    public void TruncatedSamplesFollowThePolicy(TruncationPolicy policy, double reward, bool trainable, long masked)
    {
        var ledger = Ledger(Settings(segments: 1) with { Truncation = policy }, "a");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, [Outcome(tasks[0], 10, FinishReason.Length), Outcome(tasks[1], 4, FinishReason.Eos)]);
        ScoreAll(ledger, _ => 0.75);

        var report = ledger.CompleteStep(0);
        var truncated = report.Groups[0].Samples[0];
        Assert.True(truncated.Truncated);
        Assert.Equal(reward, truncated.Reward);
        Assert.Equal(trainable, truncated.Trainable);
        Assert.Equal(1, report.Truncated);
        Assert.Equal(masked, report.Dropped.GetValueOrDefault(DropReasons.Truncated));
        Assert.Equal(0, ledger.Snapshot().Lost);
    }

    [Fact]
    public void AForcedLengthEndsTheSampleWithoutTruncation()
    {
        var ledger = new RolloutLedger(new RolloutBufferState());
        ledger.Configure(Settings(segments: 1));
        ledger.AddPrompts([Prompt("a") with { ForcedLengths = [3, 50] }]);

        var tasks = ledger.BeginStep(0);
        Assert.Equal([3, 10], tasks.Select(t => t.MaxNewTokens));
        ledger.CompleteSegments(0, [Outcome(tasks[0], 3, FinishReason.Length), Outcome(tasks[1], 10, FinishReason.Length)]);

        Assert.Equal([false, true], ledger.State.Samples.Values.OrderBy(s => s.Id).Select(s => s.Truncated));
    }

    [Theory]
    [InlineData(RewardFailurePolicy.DropGroup)]
    [InlineData(RewardFailurePolicy.FallbackScore)]
    public void AFailedRewardDropsTheGroupOrTakesTheFallback(RewardFailurePolicy policy)
    {
        var ledger = Ledger(Settings(segments: 1) with { RewardFailure = policy, FallbackScore = -1 }, "a");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, tasks.Select(t => Outcome(t, 2, FinishReason.Eos)).ToArray());
        ledger.RecordRewards([new RewardRecord { SampleId = "a#0", Score = double.NaN, Error = "timed out" },
            new RewardRecord { SampleId = "a#1", Score = 1 }]);

        var report = ledger.CompleteStep(0);

        Assert.Equal(1, report.RewardFailures);
        if (policy == RewardFailurePolicy.DropGroup)
        {
            Assert.Empty(report.Groups);
            Assert.Equal(2, report.Dropped[DropReasons.RewardFailure]);
        }
        else
        {
            Assert.Equal([-1.0, 1.0], report.Groups[0].Samples.Select(s => s.Reward));
        }
        Assert.Equal(0, ledger.Snapshot().Lost);
    }

    [Fact]
    public void DynamicSamplingDropsGroupsWithoutRewardSpread()
    {
        var ledger = Ledger(Settings(segments: 1) with { DropZeroVarianceGroups = true }, "a", "b");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, tasks.Select(t => Outcome(t, 2, FinishReason.Eos)).ToArray());
        ScoreAll(ledger, id => id == "b#1" ? 1 : 0);

        var report = ledger.CompleteStep(0);

        Assert.Equal("b", Assert.Single(report.Groups).Prompt.Id);
        Assert.Equal(2, report.Dropped[DropReasons.ZeroVariance]);
        Assert.Equal(2, ledger.Snapshot().Trained);
    }

    [Fact]
    public void AGroupWaitsForItsLastMember()
    {
        var ledger = Ledger(Settings(), "a");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, [Outcome(tasks[0], 1, FinishReason.Eos), Outcome(tasks[1], 5, FinishReason.Budget)]);
        ScoreAll(ledger, _ => 1);

        Assert.Empty(ledger.CompleteStep(0).Groups);
        Assert.Equal(1, ledger.Snapshot().FinishedSamples);
    }

    [Fact]
    public void ARejectedPromptBatchChangesNothing()
    {
        var ledger = Ledger(Settings(), "a");

        var error = Assert.Throws<ArgumentException>(() => ledger.AddPrompts([Prompt("b"), Prompt("a")]));

        Assert.Contains("'a' is already in the buffer", error.Message);
        Assert.Single(ledger.State.Waiting);
    }

    [Fact]
    public void ACompleteStepWithSegmentsOutIsRefused()
    {
        var ledger = Ledger(Settings(), "a");
        ledger.BeginStep(0);

        var error = Assert.Throws<InvalidOperationException>(() => ledger.CompleteStep(0));
        Assert.Contains("2 segments out", error.Message);
    }

    [Fact]
    public void SettingsAreValidatedWithTheKeyName()
    {
        var error = Assert.Throws<ArgumentException>(() => RolloutSettings.Validate(Settings() with { Segments = 11 }));
        Assert.Equal("rollout.segments must be between 1 and max_response_length (10), got 11", error.Message);
    }
}
