using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PostTrain.Actors.Hosting;

namespace PostTrain.Cli.Bench;

/// <summary>
/// A throwaway cluster on this machine for the cluster benchmark: a Redis server on a free loopback port (Debian's
/// <c>redis-server</c>, no persistence) and N <c>posttrain silo</c> processes of this same executable. Disposing it
/// stops them all.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    readonly List<Process> _processes = [];

    LocalCluster(PostTrainCluster cluster) => Cluster = cluster;

    public PostTrainCluster Cluster { get; }

    /// <summary>CPU time used so far by the cluster's processes (Redis and the silos).</summary>
    public TimeSpan ProcessorTime() => _processes.Aggregate(TimeSpan.Zero, (sum, p) =>
    {
        p.Refresh();
        return p.HasExited ? sum : sum + p.TotalProcessorTime;
    });

    public static async Task<LocalCluster> StartAsync(int silos, int threadsPerSilo)
    {
        var port = FreePort();
        var local = new LocalCluster(new PostTrainCluster(new RedisEndpoint("127.0.0.1", port), "bench-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var redis = FindRedisServer();
            var server = local.Start(redis, "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            await WaitAsync(() => local.Cluster.Redis.EnsureReachableAsync());
            var starting = Enumerable.Range(0, silos).Select(_ => local.StartSilo(threadsPerSilo)).ToList();
            foreach (var joined in starting) await joined;
            return local;
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    Task StartSilo(int threads)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the posttrain executable");
        var arguments = new List<string>();
        if (self.EndsWith("dotnet", StringComparison.Ordinal)) arguments.Add(typeof(LocalCluster).Assembly.Location);
        arguments.AddRange(["silo", "--cluster", Cluster.Redis.ToString(), "--cluster-id", Cluster.ClusterId, "--threads", $"{threads}"]);
        var process = Start(self, [.. arguments]);
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("joined cluster") == true) joined.TrySetResult(); };
        process.Exited += (_, _) => joined.TrySetException(new InvalidOperationException($"a posttrain silo exited with code {process.ExitCode} before joining"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return joined.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        _processes.Add(process);
        return process;
    }

    static string FindRedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("bench cluster starts its own Redis server: redis-server is not on PATH (apt-get install redis-server)");

    static async Task WaitAsync(Func<Task> probe)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await probe();
                return;
            }
            catch (InvalidOperationException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        // Silos first, Redis last: a silo that outlived its Redis would only log connection errors.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(5000);
            process.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
