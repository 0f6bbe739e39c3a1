using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Plugins;
using PostTrain.Rewards.Sandbox;

namespace PostTrain.Rewards.Tests;

public sealed class ChildProcessRewardTests
{
    static ChildProcessReward Misbehaving(double timeLimitSeconds = 10, int memoryLimitMb = 1024) => new(new ChildProcessRewardOptions
    {
        PluginPath = PluginPaths.Misbehaving,
        TypeName = PluginPaths.MisbehavingType,
        BatchTimeLimit = TimeSpan.FromSeconds(timeLimitSeconds),
        MemoryLimitMb = memoryLimitMb,
    });

    static RewardInput Sample(string completion) => new("prompt", completion);

    /// <summary>Running, and not a zombie waiting to be reaped.</summary>
    static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 1)..].TrimStart()[0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task APluginScoresTheSameInAChildProcessAsInProcess()
    {
        RewardInput[] keywords =
        [
            new("p", "Paris is in France") { GroundTruth = "paris, france, seine" },
            new("p", "Lyon") { GroundTruth = "paris" },
            new("p", "no truth here"),
        ];
        RewardInput[] lengths = [new("p", "two words") { GroundTruth = "x" }, new("p", "print"), new("p", "") { CompletionIds = [1, 2] }];
        using var isolatedKeywords = new ChildProcessReward(new ChildProcessRewardOptions { PluginPath = PluginPaths.Sample, TypeName = PluginPaths.SampleType });
        using var isolatedLengths = Misbehaving();

        var expected = (await RewardPluginLoader.Load(PluginPaths.Sample, PluginPaths.SampleType).ScoreAsync(keywords, CancellationToken.None))
            .Concat(await RewardPluginLoader.Load(PluginPaths.Misbehaving, PluginPaths.MisbehavingType).ScoreAsync(lengths, CancellationToken.None));
        var actual = (await isolatedKeywords.ScoreAsync(keywords, CancellationToken.None))
            .Concat(await isolatedLengths.ScoreAsync(lengths, CancellationToken.None));

        Assert.Equal("keywords", isolatedKeywords.Name);
        Assert.NotEqual(Environment.ProcessId, isolatedKeywords.ProcessId);
        Assert.Equal([2 / 3.0, 0, double.NaN, 9, 5, 0], actual.Select(o => o.Score));
        Assert.Equal(expected.Select(o => (o.Score, o.Error, o.Note)), actual.Select(o => (o.Score, o.Error, o.Note)));
        Assert.Equal(expected.Select(o => string.Join(",", o.SubScores)), actual.Select(o => string.Join(",", o.SubScores)));
        Assert.Equal("no keywords in ground_truth", actual.ElementAt(2).Error);
    }

    [Fact]
    public async Task ABuiltInRunsByNameAndAnUnknownNameIsAClearError()
    {
        using var provider = new ServiceCollection()
            .AddChildProcessReward("safe_math", new ChildProcessRewardOptions { BuiltIn = "math_verify" }).BuildServiceProvider();

        var outputs = await provider.GetRequiredService<RewardRegistry>().Resolve("safe_math")
            .ScoreAsync([new RewardInput("1+1?", "so \\boxed{2}") { GroundTruth = "2" }], CancellationToken.None);

        Assert.Equal(1, outputs[0].Score);
        var unknown = Assert.Throws<ArgumentException>(() => new ChildProcessReward(new ChildProcessRewardOptions { BuiltIn = "math_verfy" }));
        Assert.Contains("unknown reward 'math_verfy'; known rewards: answer_match, countdown, exact_match", unknown.Message);
        var noType = Assert.Throws<ArgumentException>(() => new ChildProcessReward(new ChildProcessRewardOptions
        {
            PluginPath = PluginPaths.Misbehaving, TypeName = "PostTrain.Rewards.TestPlugins.Nope",
        }));
        Assert.Contains("has no type 'PostTrain.Rewards.TestPlugins.Nope'", noType.Message);
    }

    [Fact]
    public async Task ASpinningRewardIsKilledAtItsTimeLimitAndTheNextBatchScoresInAFreshChild()
    {
        using var reward = Misbehaving(timeLimitSeconds: 1);
        var first = reward.ProcessId!.Value;
        var watch = Stopwatch.StartNew();

        var killed = await reward.ScoreAsync([Sample("abc"), Sample("spin")], CancellationToken.None);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.All(killed, o => Assert.Equal("reward 'misbehaving' killed: timed out after 1 s", o.Error));
        Assert.False(IsRunning(first), $"child {first} is still running");
        Assert.Null(reward.ProcessId);

        var next = await reward.ScoreAsync([Sample("abc")], CancellationToken.None);

        Assert.Equal(3, next[0].Score);
        Assert.Equal(1, reward.Restarts);
        Assert.NotEqual(first, reward.ProcessId);
    }

    [Fact]
    public async Task AKillTakesTheProcessesTheRewardStartedWithIt()
    {
        // Two seconds, so that the reward has surely started its own child before the kill.
        using var reward = Misbehaving(timeLimitSeconds: 2);
        var pidFile = Path.Combine(Path.GetTempPath(), $"posttrain-sleeper-{Guid.NewGuid():N}.pid");
        try
        {
            var outputs = await reward.ScoreAsync(
                [new RewardInput("p", "spawn") { Metadata = new Dictionary<string, string> { ["pid_file"] = pidFile } }], CancellationToken.None);

            Assert.Contains("timed out after 2 s", outputs[0].Error);
            var sleeper = int.Parse(File.ReadAllText(pidFile));
            Assert.False(IsRunning(sleeper), $"the reward's own child {sleeper} is still running");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task ManagedAllocationWithoutBoundHitsTheHeapCapAndTheNextBatchScores()
    {
        using var reward = Misbehaving(memoryLimitMb: 256);

        var outputs = await reward.ScoreAsync([Sample("alloc"), Sample("abc")], CancellationToken.None);

        Assert.All(outputs, o => Assert.Equal("reward 'misbehaving' killed: exceeded memory limit 256 MB " +
                                              "(its managed heap, capped at 192 MB, ran out: OutOfMemoryException)", o.Error));
        Assert.Equal(4, (await reward.ScoreAsync([Sample("abcd")], CancellationToken.None))[0].Score);
    }

    [Fact]
    public async Task NativeAllocationWithoutBoundIsKilledByTheMemoryWatcher()
    {
        using var reward = Misbehaving(memoryLimitMb: 256);
        var pid = reward.ProcessId!.Value;

        var outputs = await reward.ScoreAsync([Sample("native-alloc")], CancellationToken.None);

        Assert.StartsWith("reward 'misbehaving' killed: exceeded memory limit 256 MB (resident ", outputs[0].Error);
        Assert.False(IsRunning(pid));
    }

    [Theory]
    [InlineData("failfast", "exit code 134: Process terminated. the reward gave up")]
    [InlineData("exit", "exit code 7")]
    public async Task ACrashOrAnExitIsReportedPerSampleAndTheNextBatchScores(string completion, string expected)
    {
        using var reward = Misbehaving();

        var outputs = await reward.ScoreAsync([Sample("abc"), Sample(completion)], CancellationToken.None);

        Assert.All(outputs, o => Assert.StartsWith("reward 'misbehaving' child process died while scoring (", o.Error));
        Assert.All(outputs, o => Assert.Contains(expected, o.Error));
        Assert.Equal(2, (await reward.ScoreAsync([Sample("ab")], CancellationToken.None))[0].Score);
    }

    [Fact]
    public async Task AThrowingRewardFailsItsBatchButKeepsItsChild()
    {
        using var reward = Misbehaving();
        var pid = reward.ProcessId;

        var outputs = await reward.ScoreAsync([Sample("throw")], CancellationToken.None);

        Assert.Equal("reward 'misbehaving' threw InvalidOperationException: verifier crashed", outputs[0].Error);
        Assert.Equal(pid, reward.ProcessId);
        Assert.Equal(0, reward.Restarts);
    }

    [Fact]
    public void DisposingStopsTheChild()
    {
        var reward = Misbehaving();
        var pid = reward.ProcessId!.Value;

        reward.Dispose();

        Assert.False(IsRunning(pid));
    }

    [Fact]
    public void BadOptionsNameEachSettingAndWhatWasExpected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcessReward(new ChildProcessRewardOptions
        {
            PluginPath = "/nowhere/plugin.dll", BatchTimeLimit = TimeSpan.Zero, MemoryLimitMb = 10,
        }));

        Assert.Contains("plugin_path needs type_name", error.Message);
        Assert.Contains("plugin_path '/nowhere/plugin.dll' does not exist", error.Message);
        Assert.Contains("batch_time_limit must be positive", error.Message);
        Assert.Contains("memory_limit_mb must be at least 128, got 10", error.Message);
        var neither = Assert.Throws<ArgumentException>(() => new ChildProcessReward(new ChildProcessRewardOptions()));
        Assert.Contains("give either built_in (a built-in reward's name) or plugin_path with type_name", neither.Message);
    }
}
