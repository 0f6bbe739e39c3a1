using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Tests.Metrics;

public sealed class ProgressDisplayTests
{
    static readonly (string, string)[] Fields = [("reward", "0.41"), ("kl", "0.002")];

    [Fact]
    public void ALogLineShowsCountsFieldsElapsedAndAnEtaFromTheRateSinceThePhaseStarted()
    {
        var output = new StringWriter();
        var clock = new ManualClock();
        var progress = ProgressDisplay.Create(output, interactive: false, clock);

        progress.Update("grpo", 0, 100, []);
        clock.AdvanceSeconds(10);
        progress.Update("grpo", 25, 100, Fields);

        Assert.Equal(
            [
                "grpo 0/100 (0%)  elapsed 0:00  ETA ?",
                // 25 steps in 10 s: 75 left take 30 s.
                "grpo 25/100 (25%)  reward=0.41 kl=0.002  elapsed 0:10  ETA 0:30",
            ],
            Lines(output));
    }

    [Fact]
    public void ALogPrintsAtEachTenthOrAfterTheIntervalAndAlwaysAtCompletion()
    {
        var output = new StringWriter();
        var clock = new ManualClock();
        var progress = ProgressDisplay.Create(output, interactive: false, clock);

        for (var done = 1; done <= 100; done++)
        {
            clock.AdvanceSeconds(done == 51 ? 40 : 0.1);
            progress.Update("sft", done, 1000, []);
        }
        progress.Complete("sft");

        var lines = Lines(output);
        // First update, the 10% mark (100 of 1000) reached at step 100, step 51 after a 40 s gap, and completion.
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("sft 1/1000 (0%)", lines[0]);
        Assert.StartsWith("sft 51/1000 (5%)", lines[1]);
        Assert.StartsWith("sft 100/1000 (10%)", lines[2]);
        Assert.Equal("sft done 100/1000  in 0:50", lines[3]);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void ANewPhaseRestartsTheClock()
    {
        var output = new StringWriter();
        var clock = new ManualClock();
        var progress = ProgressDisplay.Create(output, interactive: false, clock);
        progress.Update("warmup", 1, 2, []);
        clock.AdvanceSeconds(100);
        progress.Complete("warmup");

        progress.Update("grpo", 10, 50, []);
        clock.AdvanceSeconds(8);
        progress.Update("grpo", 20, 50, []);

        // 10 steps in 8 s since the phase began at step 10: 30 left take 24 s.
        Assert.Equal("grpo 20/50 (40%)  elapsed 0:08  ETA 0:24", Lines(output)[^1]);
        Assert.Equal("warmup done 1/2  in 1:40", Lines(output)[1]);
    }

    [Fact]
    public void OnATerminalOneLineIsRedrawnWithCarriageReturnsAtMostFiveTimesASecond()
    {
        var output = new StringWriter();
        var clock = new ManualClock();
        var progress = ProgressDisplay.Create(output, interactive: true, clock);

        // 40 updates over 1 s (one every 25 ms), the last reaching the total.
        for (var done = 1; done <= 40; done++)
        {
            progress.Update("grpo", done, 40, Fields);
            clock.AdvanceSeconds(0.025);
        }
        var drawn = output.ToString();
        var draws = drawn.Split('\r', StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain('\n', drawn);
        // At 0, 200, 400, 600, 800 ms, and the final one (975 ms) although it comes within 200 ms of the last.
        Assert.Equal(6, draws.Length);
        Assert.StartsWith("grpo [....................] 1/40  reward=0.41 kl=0.002  elapsed 0:00  ETA ?", draws[0]);
        Assert.StartsWith("grpo [############........] 25/40", draws[3]);
        Assert.StartsWith("grpo [####################] 40/40", draws[^1]);

        progress.Complete("grpo");

        var text = output.ToString();
        Assert.EndsWith(Environment.NewLine, text);
        Assert.Equal("grpo done 40/40  reward=0.41 kl=0.002  in 0:01", text[(text.LastIndexOf('\r') + 1)..].TrimEnd());
    }

    [Fact]
    public void ATerminalRedrawCoversALongerPreviousLine()
    {
        var output = new StringWriter();
        var clock = new ManualClock();
        var progress = ProgressDisplay.Create(output, interactive: true, clock);

        progress.Update("sft", 1, 10, [("loss", "12.345678")]);
        clock.AdvanceSeconds(1);
        progress.Update("sft", 2, 10, [("loss", "1.5")]);

        var draws = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(draws[0].Length, draws[1].Length);
        Assert.EndsWith("loss=1.5  elapsed 0:01  ETA 0:08", draws[1].TrimEnd());
    }

    static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
