using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Remote;

namespace PostTrain.Rewards.Tests;

public sealed class HttpRewardTests
{
    static readonly RewardInput[] Two =
    [
        new("What is 1+1?", "2") { GroundTruth = "2", Metadata = new Dictionary<string, string> { ["source"] = "gsm8k" } },
        new("Name a colour.", "blue"),
    ];

    static HttpReward Judge(LoopbackJudge server, double timeoutSeconds = 5, int maxBatchSize = 64) =>
        new("judge", new HttpRewardOptions { Url = server.Url, Timeout = TimeSpan.FromSeconds(timeoutSeconds), MaxBatchSize = maxBatchSize });

    [Fact]
    public async Task ScoresSubScoresAndJudgeErrorsRoundTripAndTheRequestCarriesEverySampleField()
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(200,
            """{"results": [{"score": 0.75, "sub_scores": {"accuracy": 1, "style": 0.5}, "note": "fine"}, {"error": "cannot judge colours"}]}"""));
        Environment.SetEnvironmentVariable("POSTTRAIN_TEST_JUDGE_KEY", "s3cret");
        using var reward = new HttpReward("judge", new HttpRewardOptions
        {
            Url = server.Url, Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer ${POSTTRAIN_TEST_JUDGE_KEY}" },
        });

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.Equal(0.75, outputs[0].Score);
        Assert.Equal(new Dictionary<string, double> { ["accuracy"] = 1, ["style"] = 0.5 }, outputs[0].SubScores);
        Assert.Equal("fine", outputs[0].Note);
        Assert.True(outputs[1].Failed);
        Assert.Equal($"reward 'judge' (POST {server.Url}): the judge reported: cannot judge colours", outputs[1].Error);
        Assert.Equal("Bearer s3cret", Assert.Single(server.Authorizations));
        var samples = JsonDocument.Parse(Assert.Single(server.Bodies)).RootElement.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(2, samples.Count);
        Assert.Equal("What is 1+1?", samples[0].GetProperty("prompt").GetString());
        Assert.Equal("2", samples[0].GetProperty("completion").GetString());
        Assert.Equal("2", samples[0].GetProperty("ground_truth").GetString());
        Assert.Equal("gsm8k", samples[0].GetProperty("metadata").GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, samples[1].GetProperty("ground_truth").ValueKind);
        Assert.Equal(JsonValueKind.Object, samples[1].GetProperty("metadata").ValueKind);
    }

    [Fact]
    public async Task APlainArrayOfNumbersIsAcceptedAndBigBatchesSplitIntoRequestsInOrder()
    {
        // Each request is answered with the completions' lengths, so the order of the scores shows the order kept.
        using var server = new LoopbackJudge(body => new LoopbackJudge.Answer(200, JsonSerializer.Serialize(
            JsonDocument.Parse(body).RootElement.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("completion").GetString()!.Length))));
        using var reward = Judge(server, maxBatchSize: 2);
        RewardInput[] five = [new("p", "a"), new("p", "bb"), new("p", "ccc"), new("p", "dddd"), new("p", "eeeee")];

        var outputs = await reward.ScoreAsync(five, CancellationToken.None);

        Assert.Equal([1.0, 2, 3, 4, 5], outputs.Select(o => o.Score));
        Assert.Equal(3, server.Bodies.Count);
    }

    [Fact]
    public async Task AJudgeSlowerThanTheTimeoutFailsEachSampleWithinTheLimit()
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(200, "[1, 1]", TimeSpan.FromSeconds(30)));
        using var reward = Judge(server, timeoutSeconds: 0.5);
        var watch = Stopwatch.StartNew();

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.All(outputs, o => Assert.Equal($"reward 'judge' (POST {server.Url}): timed out after 0.5 s", o.Error));
        Assert.All(outputs, o => Assert.True(double.IsNaN(o.Score)));
    }

    [Fact]
    public async Task AServerErrorGivesTheStatusAndTheStartOfTheBody()
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(500, "judge exploded:\n  CUDA out of memory"));
        using var reward = Judge(server);

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.All(outputs, o => Assert.Equal(
            $"reward 'judge' (POST {server.Url}): HTTP 500 Internal Server Error: judge exploded: CUDA out of memory", o.Error));
    }

    [Theory]
    [InlineData("{\"results\": [0.5, ", "the response is not valid JSON")]
    [InlineData("<html>busy</html>", "the response is not valid JSON")]
    [InlineData("[0.5]", "returned 1 results for 2 samples")]
    [InlineData("{\"scores\": [0.5, 1]}", "expected {\"results\": [...]} or a JSON array")]
    public async Task AnUnreadableAnswerFailsEverySample(string body, string expected)
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(200, body));
        using var reward = Judge(server);

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.All(outputs, o => Assert.StartsWith($"reward 'judge' (POST {server.Url}): ", o.Error));
        Assert.All(outputs, o => Assert.Contains(expected, o.Error));
    }

    [Fact]
    public async Task OneMalformedResultFailsOnlyItsSample()
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(200, """{"results": [{"score": "high"}, 0.25]}"""));
        using var reward = Judge(server);

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.Contains("result 0 \"score\" must be a finite number, got \"high\"", outputs[0].Error);
        Assert.Equal(0.25, outputs[1].Score);
    }

    [Fact]
    public async Task ARefusedConnectionFailsEachSampleNamingTheUrl()
    {
        var url = $"http://127.0.0.1:{LoopbackJudge.FreePort()}/judge";
        using var reward = new HttpReward("judge", new HttpRewardOptions { Url = url });

        var outputs = await reward.ScoreAsync(Two, CancellationToken.None);

        Assert.All(outputs, o => Assert.StartsWith($"reward 'judge' (POST {url}): request failed: ", o.Error));
        Assert.All(outputs, o => Assert.Contains("refused", o.Error));
    }

    [Fact]
    public void BadOptionsNameEachSettingAndWhatWasExpected()
    {
        var error = Assert.Throws<ArgumentException>(() => new HttpReward("judge", new HttpRewardOptions
        {
            Url = "localhost:8000/judge",
            Timeout = TimeSpan.Zero,
            MaxBatchSize = 0,
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "${POSTTRAIN_TEST_UNSET_VARIABLE}", ["Content-Type"] = "text/plain" },
        }));

        Assert.Contains("url must be an absolute http:// or https:// URL, got 'localhost:8000/judge'", error.Message);
        Assert.Contains("timeout must be positive", error.Message);
        Assert.Contains("max_batch_size must be positive, got 0", error.Message);
        Assert.Contains("header 'X-Api-Key' uses environment variable POSTTRAIN_TEST_UNSET_VARIABLE, which is not set", error.Message);
        Assert.Contains("header 'Content-Type' is set by the reward itself", error.Message);
    }

    [Fact]
    public async Task ARegisteredJudgeResolvesByNameToOneSharedInstance()
    {
        using var server = new LoopbackJudge(_ => new LoopbackJudge.Answer(200, "[0.5, 1]"));
        using var provider = new ServiceCollection().AddBuiltInRewards()
            .AddHttpReward("helpfulness", new HttpRewardOptions { Url = server.Url }).BuildServiceProvider();
        var registry = provider.GetRequiredService<RewardRegistry>();

        var judge = registry.Resolve("helpfulness");
        var outputs = await judge.ScoreAsync(Two, CancellationToken.None);

        Assert.Same(judge, registry.Resolve("helpfulness"));
        Assert.Equal("helpfulness", judge.Name);
        Assert.Equal([0.5, 1.0], outputs.Select(o => o.Score));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHttpReward("bad", new HttpRewardOptions { Url = "ftp://x" }));
    }
}
