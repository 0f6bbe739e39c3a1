using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Segments;

namespace PostTrain.Actors.Grains;

/// <summary>A job's rollout buffer: the <see cref="RolloutLedger"/> rules over state written to grain storage on every change.</summary>
public sealed class RolloutBufferGrain(
    [PersistentState("rollout-buffer", ActorsHosting.StorageName)] IPersistentState<RolloutBufferState> storage) : Grain, IRolloutBufferGrain
{
    RolloutLedger Ledger => new(storage.State);

    public Task ConfigureAsync(RolloutSettings settings) => Change(ledger => ledger.Configure(settings));

    public Task AddPromptsAsync(RolloutPrompt[] prompts) => Change(ledger => ledger.AddPrompts(prompts));

    public async Task<SegmentTask[]> BeginStepAsync(long step)
    {
        var tasks = Ledger.BeginStep(step).ToArray();
        await storage.WriteStateAsync();
        return tasks;
    }

    public async Task<int> CompleteSegmentsAsync(long step, SegmentOutcome[] outcomes)
    {
        var applied = Ledger.CompleteSegments(step, outcomes);
        if (applied > 0) await storage.WriteStateAsync();
        return applied;
    }

    public Task<RewardRequest[]> UnscoredAsync()
    {
        var ledger = Ledger;
        return Task.FromResult(ledger.Unscored().Select(sample =>
        {
            var prompt = ledger.PromptOf(sample);
            return new RewardRequest
            {
                SampleId = sample.Id,
                Prompt = prompt.PromptText,
                Completion = "",
                CompletionIds = sample.TokenIds.ToArray(),
                GroundTruth = prompt.GroundTruth,
                Metadata = prompt.Metadata,
            };
        }).ToArray());
    }

    public Task RecordRewardsAsync(RewardRecord[] rewards) => Change(ledger => ledger.RecordRewards(rewards));

    public async Task<StepReport> CompleteStepAsync(long step)
    {
        var report = Ledger.CompleteStep(step);
        await storage.WriteStateAsync();
        return report;
    }

    public Task<BufferSnapshot> SnapshotAsync() => Task.FromResult(Ledger.Snapshot());

    public Task<RolloutBufferState> ExportAsync() => Task.FromResult(storage.State);

    public async Task ImportAsync(RolloutBufferState state)
    {
        storage.State = state;
        await storage.WriteStateAsync();
    }

    async Task Change(Action<RolloutLedger> change)
    {
        change(Ledger);
        await storage.WriteStateAsync();
    }
}
