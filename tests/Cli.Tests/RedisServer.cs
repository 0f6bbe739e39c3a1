using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PostTrain.Cli.Tests;

/// <summary>
/// A throwaway Redis server on a free loopback port, without persistence (<c>redis-server</c> must be on PATH; .ci/run
/// installs Debian's). A missing server fails the test that needs it, with what to install: it is never skipped.
/// </summary>
public sealed class RedisServer : IDisposable
{
    readonly Process _process;

    public RedisServer()
    {
        Port = FreePort();
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    public int Port { get; }
    public string Uri => $"redis://127.0.0.1:{Port}";

    static string Executable()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "redis-server is not on PATH: the cluster tests need it (apt-get install redis-server; .ci/run installs it)");
    }

    void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, stream.Read(buffer)).StartsWith("+PONG")) return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"redis-server did not answer on port {Port} within 20 s");
            Thread.Sleep(100);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
