using System.Collections.Concurrent;
using System.Diagnostics;

namespace PostTrain.Cli.Tests;

/// <summary>A <c>posttrain</c> child process left running (a silo, a trainer), its output collected line by line.</summary>
internal sealed class RunningPosttrain : IDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _lines = new();

    public RunningPosttrain(string name, params string[] arguments)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "posttrain.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Enqueue(line); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _lines.Enqueue("stderr: " + line); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public IReadOnlyList<string> Lines => _lines.ToArray();
    public string Output => string.Join('\n', Lines);
    public bool HasExited => _process.HasExited;

    /// <summary>Waits for a line containing <paramref name="text"/> (the <paramref name="occurrence"/>-th one).</summary>
    public string WaitForLine(string text, TimeSpan limit, int occurrence = 1)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var matches = Lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();
            if (matches.Count >= occurrence) return matches[occurrence - 1];
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            Thread.Sleep(20);
        }
        throw new TimeoutException($"{Name} did not print '{text}' within {limit}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(); // SIGKILL on Unix
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
            throw new TimeoutException($"{Name} did not finish within {limit}:\n{Output}");
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
