using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PostTrain.Rewards.Tests;

/// <summary>
/// A remote judge on 127.0.0.1 for the HTTP reward's tests: answers each POST with what <c>respond</c> returns (after
/// its delay), and keeps the bodies and headers it received.
/// </summary>
internal sealed class LoopbackJudge : IDisposable
{
    public sealed record Answer(int Status, string Body, TimeSpan Delay = default);

    readonly HttpListener _listener = new();
    readonly Func<string, Answer> _respond;
    readonly CancellationTokenSource _stop = new();
    readonly Task _serving;

    public LoopbackJudge(Func<string, Answer> respond)
    {
        _respond = respond;
        Url = $"http://127.0.0.1:{FreePort()}/judge/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>A port nothing listens on right now (for a refused connection, or to listen on).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Bodies.Enqueue(body);
            Authorizations.Enqueue(context.Request.Headers["Authorization"]);
            var answer = _respond(body);
            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, _stop.Token);
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The test is over, or the client gave up.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
