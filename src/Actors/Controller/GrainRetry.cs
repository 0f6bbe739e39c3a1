using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Controller;

/// <summary>
/// Repeats a grain call that failed because a silo went away (the grain is reactivated on a live one once membership
/// notices), waiting a little longer each time. Errors of PostTrain's own code are not repeated. A cancellation is
/// repeated only when it is not the caller's: a silo shutting down cancels the calls it is serving.
/// </summary>
internal static class GrainRetry
{
    const int MaxAttempts = 8;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Func<Task>? beforeRetry, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return await call();
            }
            catch (Exception error) when (IsSiloLoss(error, cancellation) && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 0.25 * (1 << (attempt - 1)))), cancellation);
                if (beforeRetry is not null) await beforeRetry();
            }
        }
    }

    public static async Task RunAsync(Func<Task> call, CancellationToken cancellation) =>
        await RunAsync(async () => { await call(); return true; }, null, cancellation);

    static bool IsSiloLoss(Exception error, CancellationToken cancellation) => error is SiloUnavailableException
        or OrleansMessageRejectionException or TimeoutException or PolicyUnavailableException or WorkerLostException
        || error is OrleansException && error is not OrleansConfigurationException
        || error is OperationCanceledException && !cancellation.IsCancellationRequested;
}
