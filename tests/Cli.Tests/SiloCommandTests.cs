namespace PostTrain.Cli.Tests;

/// <summary><c>posttrain silo</c> and a redis recipe given bad input: one clear line and exit code 2.</summary>
public sealed class SiloCommandTests
{
    [Fact]
    public void A_cluster_that_is_not_redis_host_port_is_refused()
    {
        var result = PosttrainProcess.Run("silo", "--cluster", "127.0.0.1:6379");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("posttrain: error: --cluster: expected redis://HOST:PORT, got '127.0.0.1:6379'", result.Error.Trim());
    }

    [Fact]
    public void An_unreachable_redis_is_named_with_what_to_do()
    {
        var port = ClosedPort();
        var result = PosttrainProcess.Run("silo", "--cluster", $"redis://127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"posttrain: error: cannot reach Redis at 127.0.0.1:{port} (", result.Error.Trim());
        Assert.Contains($"redis-server --port {port}", result.Error);
    }

    [Fact]
    public void A_training_run_on_an_unreachable_redis_stops_before_any_work_with_the_same_message()
    {
        using var folder = new TempDirectory();
        var port = ClosedPort();
        var recipe = folder.Combine("r.yaml");
        File.WriteAllText(recipe, """
            model:
              init: {arch: qwen2, preset: tiny, tokenizer: builtin}
            data:
              train: {task: arithmetic, count: 8}
            algorithm:
              name: grpo
            rewards:
              - name: math_verify
            learner: {total_steps: 1}
            """);
        var result = PosttrainProcess.Run("train", recipe, "--out", folder.Combine("run"),
            "--set", "cluster.provider=redis", "--set", $"cluster.connection=127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"posttrain: error: cannot reach Redis at 127.0.0.1:{port} (", result.Error);
    }

    static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
