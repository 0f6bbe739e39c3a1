using PostTrain.Actors.Controller;

namespace PostTrain.Actors.Tests;

/// <summary>Which failed grain calls are repeated: those a lost silo explains, never PostTrain's own errors.</summary>
public sealed class GrainRetryTests
{
    [Fact]
    public async Task ACallThatALostSiloFailedIsRepeatedUntilItAnswers()
    {
        var calls = 0;
        var answer = await GrainRetry.RunAsync(() => ++calls switch
        {
            1 => throw new SiloUnavailableException("gone"),
            2 => throw new TimeoutException("no answer"),
            _ => Task.FromResult(calls),
        }, beforeRetry: null, CancellationToken.None);

        Assert.Equal(3, answer);
    }

    [Fact]
    public async Task ACancellationThatIsNotTheCallersIsRepeated()
    {
        // A silo that shuts down cancels the calls it serves; the caller did not ask for that.
        var calls = 0;
        var answer = await GrainRetry.RunAsync(() => ++calls == 1 ? throw new TaskCanceledException("silo stopping") : Task.FromResult(calls),
            beforeRetry: null, CancellationToken.None);

        Assert.Equal(2, answer);
    }

    [Fact]
    public async Task TheCallersOwnCancellationIsNotRepeated()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GrainRetry.RunAsync<int>(() =>
        {
            calls++;
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        }, beforeRetry: null, cancel.Token));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AnErrorOfPostTrainsOwnCodeIsNotRepeated()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GrainRetry.RunAsync<int>(() =>
        {
            calls++;
            throw new InvalidOperationException("bad request");
        }, beforeRetry: null, CancellationToken.None));

        Assert.Equal(("bad request", 1), (error.Message, calls));
    }
}
