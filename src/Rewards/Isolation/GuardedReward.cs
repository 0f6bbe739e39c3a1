using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Isolation;

/// <summary>
/// Runs a reward one sample at a time, all samples concurrently, each under a wall-clock limit. A sample whose
/// scoring throws or runs past the limit gets an error naming the reward and the cause, while the rest of the batch
/// is scored; failures are counted, and too many in a row stop the run. A scoring call that ignores cancellation is
/// abandoned, not waited for (its thread stays blocked; rewards that may hang for good belong in a child process).
/// </summary>
public sealed class GuardedReward(IRewardFunction inner, RewardLimits limits)
{
    int _consecutiveFailures;

    public string Name => inner.Name;
    public long Failures { get; private set; }
    public long Scored { get; private set; }

    public async Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation)
    {
        RewardLimits.Validate(limits);
        var outputs = await Task.WhenAll(batch.Select(input => ScoreOneAsync(input, cancellation)));
        foreach (var output in outputs)
        {
            Scored++;
            if (!output.Failed)
            {
                _consecutiveFailures = 0;
                continue;
            }
            Failures++;
            _consecutiveFailures++;
            if (limits.MaxConsecutiveFailures > 0 && _consecutiveFailures >= limits.MaxConsecutiveFailures)
                throw new RewardFailureException(
                    $"reward '{Name}' failed {_consecutiveFailures} samples in a row (last: {output.Error}); the run stops rather than train on missing scores");
        }
        return outputs;
    }

    async Task<RewardOutput> ScoreOneAsync(RewardInput input, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(limits.PerSample);
        // A dedicated thread per sample: a reward that blocks forever must not starve the thread pool that the other
        // samples (and the rest of the process) run on.
        var work = Task.Factory.StartNew(() => inner.ScoreAsync([input], timeout.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            var result = await work.WaitAsync(limits.PerSample, cancellation);
            return result.Count == 1 ? result[0] : RewardOutput.Failure($"reward '{Name}' returned {result.Count} outputs for 1 sample");
        }
        catch (TimeoutException)
        {
            return RewardOutput.Failure($"reward '{Name}' timed out after {limits.PerSample.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return RewardOutput.Failure($"reward '{Name}' timed out after {limits.PerSample.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return RewardOutput.Failure($"reward '{Name}' threw {e.GetType().Name}: {e.Message}");
        }
    }
}
