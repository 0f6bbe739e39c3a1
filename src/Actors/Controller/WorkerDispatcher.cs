using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Controller;

/// <summary>
/// Spreads a step's segments over the job's workers, hands each share's outcomes to the buffer as soon as it comes
/// back, and sends a share whose worker was lost (its silo died, the call failed) again, to the same worker key,
/// which Orleans reactivates on a live silo.
/// </summary>
internal sealed class WorkerDispatcher(IGrainFactory grains, string jobId, RolloutSettings settings)
{
    /// <summary>Attempts per share before the step fails; the waits between them cover membership noticing a dead silo.</summary>
    const int MaxAttempts = 8;

    public sealed record Decoded(int Retried, long SlotSteps, long BusySlotSteps, IReadOnlyList<long> Versions);

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
            results.Select(r => r.Result.PolicyVersion).Distinct().Order().ToList());
    }

    async Task<(DecodeBatchResult Result, int Retried)> DecodeShareAsync(int worker, SegmentTask[] share, int batchSize,
        Func<SegmentOutcome[], Task<int>> commit, CancellationToken cancellation)
    {
        var grain = grains.GetGrain<IRolloutWorkerGrain>(worker, jobId);
        for (var attempt = 1; ; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                var result = await grain.DecodeAsync(share, batchSize);
                await commit(result.Outcomes);
                return (result, attempt == 1 ? 0 : share.Length);
            }
            catch (Exception error) when (IsWorkerLoss(error) && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 0.5 * (1 << (attempt - 1)))), cancellation);
            }
        }
    }

    /// <summary>Failures of the messaging or the hosting silo, which another attempt can cure; not errors of our own code.</summary>
    static bool IsWorkerLoss(Exception error) => error is SiloUnavailableException or OrleansMessageRejectionException
        or TimeoutException or Orleans.Runtime.OrleansException && error is not OrleansConfigurationException;
}
