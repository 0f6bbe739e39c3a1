using System.Diagnostics;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Policy;
using PostTrain.Core.Rewards;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rewards;

namespace PostTrain.Actors.Controller;

/// <summary>
/// Drives one job's segment rollout through the grains (TECHNIQUES section 2): each step leases segments from the
/// buffer, spreads them over the workers, redoes any a lost worker had, scores finished samples with the reward
/// grains, and closes the step. The pipeline trains on the step's groups, then publishes the new policy.
/// </summary>
public sealed class SegmentRollout
{
    readonly IGrainFactory _grains;
    readonly ITextTokenizer _tokenizer;
    readonly IRolloutBufferGrain _buffer;
    readonly PolicyPublisher _publisher;
    RolloutSettings _settings;
    WorkerDispatcher _dispatcher;

    /// <param name="publisher">The job's policy publisher: a lost policy store gets the current version again from it.</param>
    public SegmentRollout(IGrainFactory grains, string jobId, RolloutSettings settings, ITextTokenizer tokenizer, PolicyPublisher publisher)
    {
        RolloutSettings.Validate(settings);
        if (settings.Rewards.Count == 0) throw new ArgumentException("rollout.rewards must name at least one reward");
        _grains = grains;
        _tokenizer = tokenizer;
        _settings = settings;
        JobId = jobId;
        _buffer = grains.GetGrain<IRolloutBufferGrain>(jobId);
        _publisher = publisher;
        _dispatcher = new WorkerDispatcher(grains, jobId, settings, publisher.EnsureStoredAsync);
    }

    public RolloutSettings Settings => _settings;

    /// <summary>
    /// New settings from the next step on (a length schedule's next stage): the buffer's, the workers' and the
    /// rewards'. Samples already started keep the length limit they started with.
    /// </summary>
    public async Task ReconfigureAsync(RolloutSettings settings)
    {
        RolloutSettings.Validate(settings);
        await _buffer.ConfigureAsync(settings);
        _settings = settings;
        _dispatcher = new WorkerDispatcher(_grains, JobId, settings, _publisher.EnsureStoredAsync);
    }

    public string JobId { get; }

    public Task InitializeAsync() => _buffer.ConfigureAsync(_settings);

    public Task AddPromptsAsync(IEnumerable<RolloutPrompt> prompts) => _buffer.AddPromptsAsync(prompts.ToArray());

    public Task<BufferSnapshot> SnapshotAsync() => _buffer.SnapshotAsync();

    /// <summary>Runs step <paramref name="step"/>; running it again after a failure picks up what is still outstanding.</summary>
    public async Task<RolloutStepResult> RunStepAsync(long step, CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        var tasks = await GrainRetry.RunAsync(() => _buffer.BeginStepAsync(step), null, cancellation);
        var decoded = await _dispatcher.DecodeAsync(tasks, outcomes => _buffer.CompleteSegmentsAsync(step, outcomes), cancellation);
        var scoring = Stopwatch.StartNew();
        await GrainRetry.RunAsync(ScoreFinishedAsync, cancellation);
        scoring.Stop();
        var report = await GrainRetry.RunAsync(() => _buffer.CompleteStepAsync(step), null, cancellation);
        return new RolloutStepResult(report, watch.Elapsed)
        {
            SegmentsRetried = decoded.Retried,
            SlotSteps = decoded.SlotSteps,
            BusySlotSteps = decoded.BusySlotSteps,
            PolicyVersions = decoded.Versions,
            DecodeSeconds = decoded.DecodeSeconds,
            PrefillSeconds = decoded.PrefillSeconds,
            GenerateSeconds = decoded.GenerateSeconds,
            ScoreSeconds = scoring.Elapsed.TotalSeconds,
        };
    }

    async Task ScoreFinishedAsync()
    {
        var requests = (await _buffer.UnscoredAsync())
            .Select(r => r with { Completion = _tokenizer.Decode(r.CompletionIds, skipSpecialTokens: true) })
            .ToArray();
        if (requests.Length == 0) return;
        var byReward = await Task.WhenAll(_settings.Rewards.Select(async reward =>
            (reward.Key, reward.Value, await _grains.GetGrain<IRewardGrain>(reward.Key).ScoreAsync(requests))));
        var records = requests.Select((request, i) =>
        {
            var combined = RewardComposition.WeightedSum(byReward.Select(r => (r.Key, r.Value, ToOutput(r.Item3[i]))).ToList());
            return new RewardRecord
            {
                SampleId = request.SampleId,
                Score = combined.Score,
                SubScores = combined.SubScores.ToDictionary(),
                Error = combined.Error,
            };
        }).ToArray();
        await _buffer.RecordRewardsAsync(records);
    }

    static RewardOutput ToOutput(RewardRecord record) =>
        record.Failed ? RewardOutput.Failure(record.Error!) : new RewardOutput(record.Score) { SubScores = record.SubScores };
}
