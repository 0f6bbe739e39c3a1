namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Progress for redirected output (a log file, a CI console): whole lines, never <c>\r</c>. An update is printed when
/// it is the first of its phase, when it crosses into a new tenth of the total (10%, 20%, … 100%), or when
/// <see cref="Interval"/> has passed since the last printed line; any other is dropped. So a phase prints at most
/// about eleven lines plus one per interval. <see cref="ProgressDisplay.Complete"/> always prints a line.
/// </summary>
internal sealed class LogProgressDisplay(TextWriter output, TimeProvider time) : ProgressDisplay(output, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    TimeSpan lastPrinted;
    int lastTenth;

    private protected override void Show(ProgressSnapshot snapshot, bool phaseStarted, TimeSpan now)
    {
        var tenth = snapshot.Percent / 10;
        if (!phaseStarted && tenth <= lastTenth && now - lastPrinted < Interval) return;
        Output.WriteLine(ProgressFormat.Line(snapshot));
        Output.Flush();
        lastPrinted = now;
        lastTenth = tenth;
    }

    private protected override void Finish(ProgressSnapshot snapshot)
    {
        Output.WriteLine(ProgressFormat.Completed(snapshot));
        Output.Flush();
    }
}
