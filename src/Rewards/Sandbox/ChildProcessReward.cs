using System.Text.Json;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// Runs a reward (a built-in by name, or a plug-in) in a child process, <c>posttrain-reward-host</c>, talking JSON
/// lines (<see cref="RewardHostProtocol"/>). Each batch of up to <see cref="ChildProcessRewardOptions.MaxBatchSize"/>
/// samples has a wall-clock limit, and the child (with any processes it started) a resident-memory limit; past either
/// the child's process tree is killed, the batch's samples get an error saying which limit was hit, and the next batch
/// starts a fresh child. A child that crashes or exits is reported per sample the same way. Batches are scored one at
/// a time. The child is started in the constructor, so a reward that cannot load is an error before any training.
/// </summary>
public sealed class ChildProcessReward : IRewardFunction, IDisposable
{
    readonly ChildProcessRewardOptions _options;
    readonly string _dotnet;
    readonly string _host;
    readonly string[] _arguments;
    readonly SemaphoreSlim _gate = new(1, 1);
    RewardHostProcess? _child;
    long _lastRequest;

    public ChildProcessReward(ChildProcessRewardOptions options)
    {
        ChildProcessRewardOptionsValidator.Validate(options);
        _options = options;
        _host = RewardHostLocator.FindHost(options.HostPath);
        _dotnet = RewardHostLocator.FindDotnet();
        _arguments = options.BuiltIn is { } builtIn
            ? ["--builtin", builtIn]
            : ["--plugin", Path.GetFullPath(options.PluginPath!), "--type", options.TypeName!];
        var what = options.BuiltIn ?? options.TypeName!;
        var (child, name) = StartAsync(what, CancellationToken.None).GetAwaiter().GetResult();
        _child = child;
        Name = options.Name ?? name;
    }

    public string Name { get; }

    /// <summary>The running child's process id (null between a kill and the next batch).</summary>
    public int? ProcessId => _child is { HasExited: false } child ? child.Id : null;

    /// <summary>How many times a child was started after the first (after a kill, a crash or an exit).</summary>
    public int Restarts { get; private set; }

    public async Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            var outputs = new List<RewardOutput>(batch.Count);
            foreach (var part in batch.Chunk(_options.MaxBatchSize)) outputs.AddRange(await ScorePartAsync(part, cancellation));
            return outputs;
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<RewardOutput[]> ScorePartAsync(RewardInput[] part, CancellationToken cancellation)
    {
        RewardHostProcess child;
        try
        {
            child = await RunningChildAsync(cancellation);
        }
        catch (Exception e) when (e is RewardHostStartException or ArgumentException)
        {
            return Fail(part.Length, $"reward '{Name}' could not restart its child process: {e.Message}");
        }
        var id = ++_lastRequest;
        var reply = child.ReadLineAsync();
        try
        {
            await child.SendAsync(RewardHostProtocol.Request(id, part));
        }
        catch (IOException)
        {
            // The child is gone; the reply reads the end of its output and the exit is described below.
        }
        var (answer, timedOut) = await AwaitLineAsync(child, reply, _options.BatchTimeLimit, cancellation);
        if (answer is { } line) return await InterpretAsync(child, line, id, part.Length);
        if (cancellation.IsCancellationRequested)
        {
            child.Kill("the run was cancelled");
            await DiscardAsync(child, "the run was cancelled");
            cancellation.ThrowIfCancellationRequested();
        }
        if (timedOut) child.Kill($"timed out after {_options.BatchTimeLimit.TotalSeconds:0.###} s");
        await DiscardAsync(child, "it closed its output without exiting");
        return Fail(part.Length, child.KillReason is { } reason
            ? $"reward '{Name}' killed: {reason}"
            : $"reward '{Name}' child process died while scoring ({child.DescribeExit()})");
    }

    /// <summary>
    /// The line <paramref name="read"/> yields within <paramref name="limit"/>, or null when the child exits or closes
    /// its output first, the time is up (then TimedOut) or the run is cancelled. After an exit the pipe may still hold
    /// a last line (e.g. an out-of-memory report).
    /// </summary>
    static async Task<(string? Line, bool TimedOut)> AwaitLineAsync(RewardHostProcess child, Task<string?> read, TimeSpan limit,
        CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var timer = Task.Delay(limit, stop.Token);
        var first = await Task.WhenAny(read, child.Exited, timer);
        stop.Cancel();
        if (first == child.Exited) await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
        return read.IsCompletedSuccessfully && read.Result is { } line
            ? (line, false)
            : (null, first == timer && !cancellation.IsCancellationRequested);
    }

    async Task<RewardOutput[]> InterpretAsync(RewardHostProcess child, string line, long id, int count)
    {
        RewardHostReply reply;
        try
        {
            reply = RewardHostProtocol.ReadReply(line);
            if (reply.Id != id) throw new FormatException($"reply {reply.Id} to request {id}");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            child.Kill("protocol error");
            await DiscardAsync(child, "protocol error");
            var excerpt = line.Length <= 120 ? line : line[..120] + "...";
            return Fail(count, $"reward '{Name}' child process sent a malformed reply ({e.Message}): {excerpt}");
        }
        if (reply.OutOfMemory)
        {
            await DiscardAsync(child, "out of memory"); // it exits by itself after this reply
            return Fail(count, $"reward '{Name}' killed: exceeded memory limit {_options.MemoryLimitMb} MB (its managed heap, " +
                               $"capped at {RewardHostProcess.ManagedHeapLimitMb(_options.MemoryLimitMb)} MB, ran out: {reply.Error})");
        }
        if (reply.Error is { } error) return Fail(count, $"reward '{Name}' {error}");
        return reply.Results!.Count == count
            ? reply.Results.ToArray()
            : Fail(count, $"reward '{Name}' child process returned {reply.Results.Count} results for {count} samples");
    }

    async Task<RewardHostProcess> RunningChildAsync(CancellationToken cancellation)
    {
        if (_child is { HasExited: false } running) return running;
        if (_child is { } dead) await DiscardAsync(dead, "it had exited");
        (_child, _) = await StartAsync(Name, cancellation);
        Restarts++;
        return _child;
    }

    async Task<(RewardHostProcess Child, string Name)> StartAsync(string what, CancellationToken cancellation)
    {
        var child = RewardHostProcess.Start(_dotnet, _host, _arguments, _options);
        var (ready, timedOut) = await AwaitLineAsync(child, child.ReadLineAsync(), _options.StartupTimeLimit, cancellation);
        if (ready is { } line)
        {
            try
            {
                return (child, RewardHostProtocol.ReadStart(line));
            }
            catch (ArgumentException)
            {
                await DiscardAsync(child, "it could not load the reward");
                throw; // the host's reason, e.g. an unknown type: the user's error, not a crash
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
            {
                child.Kill("protocol error");
                await DiscardAsync(child, "protocol error");
                throw new RewardHostStartException($"the reward host for '{what}' sent an unexpected first line: {line}");
            }
        }
        if (timedOut) child.Kill($"not ready after {_options.StartupTimeLimit.TotalSeconds:0.###} s");
        await DiscardAsync(child, "it did not start");
        cancellation.ThrowIfCancellationRequested();
        throw new RewardHostStartException($"the reward host for '{what}' ({_host}) did not start: " +
                                           (child.KillReason is { } reason ? $"killed: {reason}" : child.DescribeExit()));
    }

    async Task DiscardAsync(RewardHostProcess child, string reason)
    {
        await child.EndAsync(TimeSpan.FromSeconds(2), reason);
        child.Dispose();
        if (ReferenceEquals(_child, child)) _child = null;
    }

    static RewardOutput[] Fail(int count, string error) => Enumerable.Range(0, count).Select(_ => RewardOutput.Failure(error)).ToArray();

    /// <summary>Closes the child's input (it exits by itself) and kills it if it has not after two seconds.</summary>
    public void Dispose()
    {
        if (_child is { } child)
        {
            try
            {
                child.CloseInput();
            }
            catch (IOException) { }
            DiscardAsync(child, "it did not exit when its input closed").GetAwaiter().GetResult();
        }
        _gate.Dispose();
    }
}
