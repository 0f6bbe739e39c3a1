using System.Diagnostics;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Rewards.Tests;

public sealed class GuardedRewardTests
{
    /// <summary>Scores the completion's length, hangs on "hang" (ignoring cancellation), throws on "throw".</summary>
    sealed class MisbehavingReward : IRewardFunction
    {
        public string Name => "misbehaving";

        public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
            Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(input => input.Completion switch
            {
                "hang" => Hang(),
                "throw" => throw new InvalidOperationException("verifier crashed"),
                _ => new RewardOutput(input.Completion.Length),
            }).ToArray());

        static RewardOutput Hang()
        {
            Thread.Sleep(Timeout.Infinite);
            return new RewardOutput(0);
        }
    }

    static RewardInput Sample(string completion) => new("prompt", completion);

    [Fact]
    public async Task AHangingSampleIsCutAtItsLimitWhileTheRestOfTheBatchIsScored()
    {
        var guarded = new GuardedReward(new MisbehavingReward(), new RewardLimits { PerSample = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();

        var outputs = await guarded.ScoreAsync([Sample("abc"), Sample("hang"), Sample("abcde"), Sample("throw")], CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(3, outputs[0].Score);
        Assert.Equal(5, outputs[2].Score);
        Assert.Contains("timed out after 0.3 s", outputs[1].Error);
        Assert.Contains("InvalidOperationException: verifier crashed", outputs[3].Error);
        Assert.True(double.IsNaN(outputs[1].Score), "a failed sample must not look like a zero score");
        Assert.Equal(2, guarded.Failures);
        Assert.Equal(4, guarded.Scored);
    }

    [Fact]
    public async Task TooManyFailuresInARowStopTheRunNamingTheReward()
    {
        var guarded = new GuardedReward(new MisbehavingReward(), new RewardLimits { MaxConsecutiveFailures = 3 });
        await guarded.ScoreAsync([Sample("throw"), Sample("ok"), Sample("throw")], CancellationToken.None);

        var error = await Assert.ThrowsAsync<RewardFailureException>(() =>
            guarded.ScoreAsync([Sample("throw"), Sample("throw")], CancellationToken.None));

        Assert.Contains("'misbehaving' failed 3 samples in a row", error.Message);
    }
}
