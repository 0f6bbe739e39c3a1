using System.Diagnostics;
using System.Text;

namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// One running reward host: its pipes, the tail of what it wrote to standard error, and a watcher that kills the
/// whole process tree when its resident memory passes the limit. Whoever kills it records why, for the error message.
/// </summary>
internal sealed class RewardHostProcess : IDisposable
{
    const int StderrLines = 40;

    readonly Process _process;
    readonly Queue<string> _stderr = new();
    readonly CancellationTokenSource _stopWatching = new();
    readonly Task _stderrDrained;
    string? _killReason;

    RewardHostProcess(Process process, ChildProcessRewardOptions options)
    {
        _process = process;
        Exited = RecordExitAsync();
        _stderrDrained = DrainStderrAsync();
        _ = WatchMemoryAsync((long)options.MemoryLimitMb << 20, options.MemoryLimitMb, options.MemoryPollInterval);
    }

    public int Id => _process.Id;

    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>The exit code once the host has exited (128 + N after signal N).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Why this process was killed (a limit, a protocol error), or null if it ended by itself.</summary>
    public string? KillReason => Volatile.Read(ref _killReason);

    public static RewardHostProcess Start(string dotnet, string host, IReadOnlyList<string> arguments, ChildProcessRewardOptions options)
    {
        var utf8 = new UTF8Encoding(false);
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_GCHeapHardLimit", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        // Managed allocations fail (OutOfMemoryException) before the resident limit is reached; native memory is caught
        // by the watcher. Server GC would split the cap between per-core heaps.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (ManagedHeapLimitMb(options.MemoryLimitMb) << 20).ToString("X");
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet} {host}");
        return new RewardHostProcess(process, options);
    }

    /// <summary>
    /// The child's managed heap cap: three quarters of its memory limit, and at least 64 MB below it, which is what the
    /// runtime itself takes (about 40 MB resident with a reward loaded).
    /// </summary>
    public static long ManagedHeapLimitMb(int memoryLimitMb) => Math.Min(memoryLimitMb * 3L / 4, memoryLimitMb - 64L);

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next protocol line, or null at the end of the host's output (it exited).</summary>
    public async Task<string?> ReadLineAsync()
    {
        try
        {
            return await _process.StandardOutput.ReadLineAsync();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Ends the host's input, which tells it to exit.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Kills the host and every process it started; the first reason given is kept.</summary>
    public void Kill(string reason)
    {
        Interlocked.CompareExchange(ref _killReason, reason, null);
        KillTree();
    }

    void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Waits for the host to end, killing it if it does not within <paramref name="grace"/>.</summary>
    public async Task EndAsync(TimeSpan grace, string reason)
    {
        if (!await Exited.WaitAsync(grace).ContinueWith(t => t.IsCompletedSuccessfully))
        {
            Kill(reason);
            await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
        _stopWatching.Cancel();
        // Standard error may be held open by a process the host started; its tail is read only briefly.
        await _stderrDrained.WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => { });
    }

    /// <summary>How the host ended: its exit code (128 + N for signal N) and the last lines it wrote that are not a stack trace.</summary>
    public string DescribeExit()
    {
        var code = ExitCode?.ToString() ?? "unknown";
        string[] lines;
        lock (_stderr) lines = _stderr.Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Trim().Length > 0).ToArray();
        var said = string.Join(" ", lines.TakeLast(3).Select(l => l.Trim()));
        if (said.Length > 500) said = said[..500] + "...";
        return said.Length == 0 ? $"exit code {code}" : $"exit code {code}: {said}";
    }

    async Task RecordExitAsync()
    {
        await _process.WaitForExitAsync();
        try
        {
            ExitCode = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            // Disposed before its exit was seen: nobody asks for the code any more.
        }
    }

    async Task DrainStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
                lock (_stderr)
                {
                    _stderr.Enqueue(line);
                    if (_stderr.Count > StderrLines) _stderr.Dequeue();
                }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    async Task WatchMemoryAsync(long limitBytes, int limitMb, TimeSpan interval)
    {
        var memory = new ProcessTreeMemory(_process);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (!HasExited && await timer.WaitForNextTickAsync(_stopWatching.Token))
            {
                var resident = memory.ResidentBytes();
                if (resident <= limitBytes) continue;
                Kill($"exceeded memory limit {limitMb} MB (resident {resident >> 20} MB)");
                return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException) { }
    }

    public void Dispose()
    {
        _stopWatching.Cancel();
        if (!HasExited) KillTree();
        _process.Dispose();
        _stopWatching.Dispose();
    }
}
