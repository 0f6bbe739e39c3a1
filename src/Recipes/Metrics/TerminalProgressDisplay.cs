namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Progress on a terminal: one line, redrawn in place with <c>\r</c> (padded to cover a longer previous line) at most
/// once per <see cref="MinRedraw"/>, except the first draw of a phase and the one that reaches the total, which
/// always show. <see cref="ProgressDisplay.Complete"/> draws the final state and ends the line.
/// </summary>
internal sealed class TerminalProgressDisplay(TextWriter output, TimeProvider time) : ProgressDisplay(output, time)
{
    /// <summary>About five redraws a second: smooth enough to read, cheap enough not to slow training.</summary>
    public static readonly TimeSpan MinRedraw = TimeSpan.FromMilliseconds(200);

    int width;
    TimeSpan? lastDraw;

    private protected override void Show(ProgressSnapshot snapshot, bool phaseStarted, TimeSpan now)
    {
        if (phaseStarted)
        {
            EndLine();
            lastDraw = null;
        }
        if (lastDraw is { } previous && now - previous < MinRedraw && !snapshot.Finished) return;
        Draw(ProgressFormat.Bar(snapshot));
        lastDraw = now;
    }

    private protected override void Finish(ProgressSnapshot snapshot)
    {
        Draw(ProgressFormat.Completed(snapshot));
        EndLine();
        lastDraw = null;
    }

    void Draw(string line)
    {
        Output.Write('\r');
        Output.Write(line.PadRight(width));
        Output.Flush();
        width = line.Length;
    }

    void EndLine()
    {
        if (width == 0) return;
        Output.WriteLine();
        Output.Flush();
        width = 0;
    }
}
