namespace PostTrain.Actors.Controller;

/// <summary>
/// Tells whether a silo is still an active cluster member. A call to a grain on a silo that died can stay pending
/// until its (long) response timeout; a decode waits on this instead, and gives up on the call as soon as the silo
/// is gone.
/// </summary>
internal sealed class SiloWatch(IGrainFactory grains)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task<bool> IsActiveAsync(string silo)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Any(address => address.ToString() == silo);
    }

    /// <summary>Awaits <paramref name="call"/>, throwing <see cref="WorkerLostException"/> if <paramref name="silo"/> leaves first.</summary>
    public async Task<T> AwaitAsync<T>(Task<T> call, string silo, string what, CancellationToken cancellation)
    {
        while (true)
        {
            if (await Task.WhenAny(call, Task.Delay(Interval, cancellation)) == call) return await call;
            cancellation.ThrowIfCancellationRequested();
            if (await IsActiveAsync(silo)) continue;
            _ = call.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw new WorkerLostException($"{what}: silo {silo} left the cluster mid-call");
        }
    }
}

/// <summary>The silo running a call died before answering; the call is to be made again elsewhere.</summary>
public sealed class WorkerLostException(string message) : Exception(message);
