using System.Text.Json;
using PostTrain.Rewards.Tests;

namespace PostTrain.Cli.Tests;

/// <summary><c>posttrain reward score</c> with a remote judge (<c>--http</c>) and in a child process (<c>--isolate</c>).</summary>
public sealed class RewardIsolationCommandTests
{
    // tests/Cli.Tests/bin/CONFIGURATION/net10.0/ -> tests/Rewards.TestPlugins/bin/CONFIGURATION/net10.0/
    static readonly string MisbehavingPlugin = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..",
        "Rewards.TestPlugins", "bin", Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!), "net10.0",
        "PostTrain.Rewards.TestPlugins.dll"));

    static string Samples(TempDirectory temp, params string[] lines)
    {
        var path = temp.Combine("samples.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    static List<JsonElement> Items(PosttrainProcess.Result run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToList();
    }

    [Fact]
    public void ScoresWithARemoteJudgeSendingTheHeaderFromTheEnvironment()
    {
        using var temp = new TempDirectory();
        using var judge = new LoopbackJudge(_ => new LoopbackJudge.Answer(200,
            """{"results": [{"score": 0.5, "sub_scores": {"style": 1}}, {"error": "cannot judge"}]}"""));
        Environment.SetEnvironmentVariable("POSTTRAIN_CLI_TEST_JUDGE_KEY", "k3y");
        var input = Samples(temp, """{"prompt": "p", "completion": "a"}""", """{"prompt": "p", "completion": "b"}""");

        var items = Items(PosttrainProcess.Run("reward", "score", "--http", judge.Url, "--timeout", "5",
            "--header", "Authorization: Bearer ${POSTTRAIN_CLI_TEST_JUDGE_KEY}", "--input", input));

        Assert.Equal(0.5, items[0].GetProperty("score").GetDouble());
        Assert.Equal(1, items[0].GetProperty("sub_scores").GetProperty("style").GetDouble());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("score").ValueKind);
        Assert.Equal($"reward 'http' (POST {judge.Url}): the judge reported: cannot judge", items[1].GetProperty("error").GetString());
        Assert.Equal("Bearer k3y", Assert.Single(judge.Authorizations));
    }

    [Fact]
    public void AnIsolatedPluginThatSpinsIsKilledAtTheTimeLimit()
    {
        using var temp = new TempDirectory();
        var input = Samples(temp, """{"prompt": "p", "completion": "spin"}""");

        var items = Items(PosttrainProcess.Run("reward", "score", "--plugin", MisbehavingPlugin, "--type",
            "PostTrain.Rewards.TestPlugins.MisbehavingReward", "--isolate", "--timeout", "1", "--memory-mb", "512", "--input", input));

        Assert.Equal("reward 'misbehaving' killed: timed out after 1 s", items[0].GetProperty("error").GetString());
    }

    [Fact]
    public void AnIsolatedBuiltInScoresAsInProcess()
    {
        using var temp = new TempDirectory();
        var input = Samples(temp, """{"prompt": "1+1?", "completion": "so \\boxed{2}", "ground_truth": "2"}""",
            """{"prompt": "1+1?", "completion": "\\boxed{3}", "ground_truth": "2"}""");

        var items = Items(PosttrainProcess.Run("reward", "score", "--reward", "math_verify", "--isolate", "--input", input));

        Assert.Equal([1.0, 0.0], items.Select(i => i.GetProperty("score").GetDouble()));
    }

    [Theory]
    [InlineData("url must be an absolute http:// or https:// URL, got 'localhost:9/judge'", "--http", "localhost:9/judge")]
    [InlineData("--memory-mb limits an isolated reward; add --isolate", "--reward", "exact_match", "--memory-mb", "256")]
    [InlineData("an --http judge is already remote", "--http", "http://127.0.0.1:9/", "--isolate")]
    [InlineData("--header must be \"Name: value\", got 'Authorization'", "--http", "http://127.0.0.1:9/", "--header", "Authorization")]
    [InlineData("memory_limit_mb must be at least 128, got 16", "--reward", "exact_match", "--isolate", "--memory-mb", "16")]
    [InlineData("--timeout must be a positive number of seconds, got 0", "--reward", "exact_match", "--timeout", "0")]
    public void BadFlagsAreOneClearLineAndExitTwo(string expected, params string[] flags)
    {
        using var temp = new TempDirectory();
        var input = Samples(temp, """{"prompt": "p", "completion": "c"}""");

        var run = PosttrainProcess.Run(["reward", "score", .. flags, "--input", input]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.StartsWith("posttrain: error: ", run.Error);
    }
}
