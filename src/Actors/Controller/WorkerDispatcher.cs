using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Controller;

/// <summary>
/// Spreads a step's segments over the job's workers and hands each share's outcomes to the buffer as soon as it
/// comes back. A share whose worker was lost (its silo died) is decoded again by the same worker key, which Orleans
/// reactivates on a live silo; the policy is uploaded again first in case the store went down with it.
/// </summary>
internal sealed class WorkerDispatcher(IGrainFactory grains, string jobId, RolloutSettings settings, Func<Task> ensurePolicy)
{
    readonly SiloWatch _watch = new(grains);

    public sealed record Decoded(int Retried, long SlotSteps, long BusySlotSteps, IReadOnlyList<long> Versions,
        double DecodeSeconds, double PrefillSeconds, double GenerateSeconds);

    public async Task<Decoded> DecodeAsync(SegmentTask[] tasks, Func<SegmentOutcome[], Task<int>> commit, CancellationToken cancellation)
    {
        var shares = Enumerable.Range(0, settings.Workers)
            .Select(w => tasks.Where((_, i) => i % settings.Workers == w).ToArray())
            .Where(share => share.Length > 0)
            .ToList();
        var batchSize = settings.WorkerBatchSize ?? Math.Max(1, (settings.ActiveSamples + settings.Workers - 1) / settings.Workers);
        var results = await Task.WhenAll(shares.Select((share, w) => DecodeShareAsync(w, share, batchSize, commit, cancellation)));
        return new Decoded(
            results.Sum(r => r.Retried),
            results.Sum(r => r.Result.SlotSteps),
            results.Sum(r => r.Result.BusySlotSteps),
            results.Select(r => r.Result.PolicyVersion).Distinct().Order().ToList(),
            results.Sum(r => r.Result.DecodeSeconds),
            results.Sum(r => r.Result.PrefillSeconds),
            results.Sum(r => r.Result.GenerateSeconds));
    }

    async Task<(DecodeBatchResult Result, int Retried)> DecodeShareAsync(int worker, SegmentTask[] share, int batchSize,
        Func<SegmentOutcome[], Task<int>> commit, CancellationToken cancellation)
    {
        var grain = grains.GetGrain<IRolloutWorkerGrain>(worker, jobId);
        var attempts = 0;
        var result = await GrainRetry.RunAsync(async () =>
        {
            attempts++;
            var silo = await grain.SiloAsync();
            var window = settings.StandbySamples > 0 ? settings.SegmentLength : (int?)null;
            return await _watch.AwaitAsync(grain.DecodeAsync(share, batchSize, window), silo, $"worker {worker} of job '{jobId}'", cancellation);
        }, ensurePolicy, cancellation);
        await GrainRetry.RunAsync(() => commit(result.Outcomes), cancellation);
        return (result, attempts > 1 ? share.Length : 0);
    }
}
