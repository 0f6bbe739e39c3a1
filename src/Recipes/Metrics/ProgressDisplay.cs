namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Shows how far a training phase has got: on a terminal, one line redrawn in place (see
/// <see cref="TerminalProgressDisplay"/>); when the output is redirected, a plain line now and then (see
/// <see cref="LogProgressDisplay"/>). Callers choose with <c>interactive: !Console.IsOutputRedirected</c>.
/// A phase starts at its first <see cref="Update"/>; its ETA is the work left at the rate since then. Thread-safe.
/// </summary>
public abstract class ProgressDisplay
{
    readonly Lock gate = new();
    readonly TimeProvider time;
    string? phase;
    long start;
    long doneAtStart;
    ProgressSnapshot? last;

    private protected ProgressDisplay(TextWriter output, TimeProvider time)
    {
        Output = output;
        this.time = time;
    }

    private protected TextWriter Output { get; }

    /// <param name="time">The clock; <see cref="TimeProvider.System"/> unless a test fakes it.</param>
    public static ProgressDisplay Create(TextWriter output, bool interactive, TimeProvider? time = null) =>
        interactive
            ? new TerminalProgressDisplay(output, time ?? TimeProvider.System)
            : new LogProgressDisplay(output, time ?? TimeProvider.System);

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> (zero or less: unknown) with fields to show.</summary>
    public void Update(string phase, long done, long total, IReadOnlyList<(string Name, string Value)> fields)
    {
        lock (gate)
        {
            var started = phase != this.phase;
            if (started)
            {
                this.phase = phase;
                start = time.GetTimestamp();
                doneAtStart = done;
            }
            var elapsed = time.GetElapsedTime(start);
            last = new ProgressSnapshot(phase, done, total, fields, elapsed, Eta(done, total, elapsed));
            Show(last, started, elapsed);
        }
    }

    /// <summary>Ends <paramref name="phase"/>: always shows a final line, with the last reported counts and fields.</summary>
    public void Complete(string phase)
    {
        lock (gate)
        {
            var snapshot = phase == this.phase && last is not null
                ? last with { Elapsed = time.GetElapsedTime(start), Eta = TimeSpan.Zero }
                : new ProgressSnapshot(phase, 0, 0, [], TimeSpan.Zero, null);
            Finish(snapshot);
            this.phase = null;
            last = null;
        }
    }

    /// <summary>Shows an update, or not; <paramref name="now"/> is the phase's elapsed time, for throttling.</summary>
    private protected abstract void Show(ProgressSnapshot snapshot, bool phaseStarted, TimeSpan now);

    private protected abstract void Finish(ProgressSnapshot snapshot);

    TimeSpan? Eta(long done, long total, TimeSpan elapsed)
    {
        var progressed = done - doneAtStart;
        if (total <= 0 || progressed <= 0 || elapsed <= TimeSpan.Zero) return null;
        var left = Math.Max(0, total - done);
        return TimeSpan.FromSeconds(left * elapsed.TotalSeconds / progressed);
    }
}
