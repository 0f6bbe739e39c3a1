using PostTrain.Actors.Contracts;
using PostTrain.Actors.Segments;
using PostTrain.Core.Generation;

namespace PostTrain.Actors.Tests;

/// <summary>Standby groups that start in decode slots freed mid-step (refill_samples), without Orleans.</summary>
public sealed class RefillLedgerTests
{
    static readonly RolloutSettings Refilling = new()
    {
        GroupSize = 2, MaxResponseLength = 10, Segments = 2, ActiveSamples = 4, RefillSamples = 4, Rewards = { ["r"] = 1 },
    };

    static RolloutLedger Ledger(params string[] prompts)
    {
        var ledger = new RolloutLedger(new RolloutBufferState());
        ledger.Configure(Refilling);
        ledger.AddPrompts(prompts.Select(id => new RolloutPrompt { Id = id, PromptIds = [1, 2, 3] }));
        return ledger;
    }

    static SegmentOutcome Outcome(SegmentTask task, int tokens, FinishReason finish, long version) =>
        LedgerTests.Outcome(task, tokens, finish, version);

    static void ScoreAll(RolloutLedger ledger) =>
        ledger.RecordRewards(ledger.Unscored().ToList().Select(s => new RewardRecord { SampleId = s.Id, Score = s.Member }));

    [Fact]
    public void StandbyGroupsStartOnlyWhenAMemberDecodesAndTheRestGoBackToTheFrontOfTheQueue()
    {
        var ledger = Ledger("a", "b", "c", "d", "e");

        var first = ledger.BeginStep(0);
        Assert.Equal(["a#0", "a#1", "b#0", "b#1", "c#0", "c#1", "d#0", "d#1"], first.Select(t => t.SampleId));
        Assert.All(first, t => Assert.Equal((0, 0, 5), (t.SegmentIndex, t.PrefixIds.Length, t.Budget)));
        Assert.Equal(4, ledger.Snapshot().Started);
        Assert.Equal(3, ledger.Snapshot().WaitingPrompts);

        var applied = ledger.CompleteSegments(0, [
            Outcome(first[0], 2, FinishReason.Eos, 7), Outcome(first[1], 5, FinishReason.Budget, 7),
            Outcome(first[2], 5, FinishReason.Budget, 7), Outcome(first[3], 1, FinishReason.Eos, 7),
            // c#1 took a freed slot late (3 of the segment's 5 rounds left); c#0 and d never found one.
            Outcome(first[4], 0, FinishReason.Budget, 7), Outcome(first[5], 3, FinishReason.Budget, 7),
            Outcome(first[6], 0, FinishReason.Budget, 7), Outcome(first[7], 0, FinishReason.Budget, 7)]);
        Assert.Equal(8, applied);
        ScoreAll(ledger);
        var report = ledger.CompleteStep(0);

        Assert.Equal((6L, 2L, 2L, 4L), (report.Started, report.StartedMidStep, report.Finished, report.CarriedOver));
        Assert.Equal(["d", "e"], ledger.State.Waiting.Select(p => p.Id));
        Assert.Empty(ledger.State.Standby);
        Assert.Empty(ledger.State.Samples["c#0"].Segments);
        Assert.Equal(0, ledger.Snapshot().Lost);

        // Unfinished samples first, by admission order, each from its own prefix; then d and e on standby.
        var second = ledger.BeginStep(1);
        Assert.Equal(["a#1", "b#0", "c#0", "c#1", "d#0", "d#1", "e#0", "e#1"], second.Select(t => t.SampleId));
        var c0 = second[2];
        var c1 = second[3];
        Assert.Equal((0, 0, 5), (c0.SegmentIndex, c0.PrefixIds.Length, c0.Budget));
        Assert.Equal((1, 5), (c1.SegmentIndex, c1.Budget));
        Assert.Equal([100, 101, 102], c1.PrefixIds);

        ledger.CompleteSegments(1, second.Take(4).Select(t => Outcome(t, 2, FinishReason.Eos, 8))
            .Concat(second.Skip(4).Select(t => Outcome(t, 0, FinishReason.Budget, 8))).ToArray());
        ScoreAll(ledger);
        var done = ledger.CompleteStep(1);

        var c = done.Groups.Single(g => g.Prompt.Id == "c");
        Assert.Equal([8L], c.Samples[0].SegmentVersions);
        Assert.Equal([7L, 8L], c.Samples[1].SegmentVersions);
        Assert.Equal([3, 2], c.Samples[1].SegmentLengths);
        Assert.Equal([100, 101, 102, 103, 104], c.Samples[1].CompletionIds);
        Assert.Equal(5, c.Samples[1].LogProbs.Length);
        Assert.Equal(3, done.Groups.Length);
        Assert.Equal(0, done.StartedMidStep);
        var snapshot = ledger.Snapshot();
        Assert.Equal((6L, 6L, 0L, 0L), (snapshot.Started, snapshot.Trained, snapshot.Lost, (long)snapshot.UnfinishedSamples));
        Assert.Equal(2, snapshot.WaitingPrompts);
    }

    [Fact]
    public void RepeatedOutcomesOfAStandbySampleStartItsGroupOnce()
    {
        var ledger = Ledger("a", "b", "c");
        var tasks = ledger.BeginStep(0);
        var late = Outcome(tasks[4], 2, FinishReason.Eos, 0);

        Assert.Equal(1, ledger.CompleteSegments(0, [late]));
        Assert.Equal(0, ledger.CompleteSegments(0, [late]));
        Assert.Equal(0, ledger.CompleteSegments(0, [Outcome(tasks[4], 0, FinishReason.Budget, 0)]));

        Assert.Equal(6, ledger.Snapshot().Started);
        Assert.Equal(2, ledger.State.Run.StartedMidStep);
        // Asked again for the same step, the buffer hands out what is still out, standby or not.
        Assert.Equal(["a#0", "a#1", "b#0", "b#1", "c#1"], ledger.BeginStep(0).Select(t => t.SampleId));
    }

    [Fact]
    public void AStepThatNeverCompletedReturnsItsStandbyPromptsAndRedoesOnlyStartedSamples()
    {
        var ledger = Ledger("a", "b", "c", "d");
        var tasks = ledger.BeginStep(0);
        ledger.CompleteSegments(0, [Outcome(tasks[4], 3, FinishReason.Budget, 0)]);

        var next = ledger.BeginStep(1);

        // a's, b's and c#1's segments were out when step 0's controller died; d never started.
        Assert.Equal(5, ledger.State.Run.SegmentsRedone);
        Assert.Equal(["a#0", "a#1", "b#0", "b#1", "c#0", "c#1", "d#0", "d#1"], next.Select(t => t.SampleId));
        Assert.Equal(3, next[4].PrefixIds.Length);
        Assert.Equal(6, ledger.Snapshot().Started);
        Assert.Equal(["d"], ledger.State.Standby.Select(g => g.Prompt.Id));
    }

    [Fact]
    public void AnIdOnStandbyCannotBeAddedAgain()
    {
        var ledger = Ledger("a", "b", "c");
        ledger.BeginStep(0);

        var error = Assert.Throws<ArgumentException>(() => ledger.AddPrompts([new RolloutPrompt { Id = "c", PromptIds = [1] }]));
        Assert.Contains("'c'", error.Message);
    }

    [Theory]
    [InlineData(1, 4, 0)]
    [InlineData(2, 0, 0)]
    [InlineData(4, 6, 6)]
    public void OnlySegmentedRolloutRefills(int segments, int refill, int standby)
    {
        var settings = Refilling with { Segments = segments, RefillSamples = refill };
        Assert.Equal(standby, settings.StandbySamples);
    }
}
