using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>Each guard stops a crafted run with a message that says what went wrong and which keys set the limit.</summary>
public sealed class GuardTests
{
    [Fact]
    public void TooManyTruncatedSamplesStopTheRun()
    {
        using var folder = new RecipeFolder();
        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder,
            TinyRuns.Grpo(steps: 6, extra: "guards: {max_truncation_ratio: 0.5, truncation_steps: 2}"),
            overrides: ["rollout.max_response_length=2", "rollout.segments=1"]));

        Assert.StartsWith("run stopped at step 2: the truncation ratio was at least 50% for 2 updates in a row", e.Message);
        Assert.Contains("guards.max_truncation_ratio", e.Message);
    }

    [Fact]
    public void GroupsWithNothingToLearnStopTheRun()
    {
        using var folder = new RecipeFolder();
        // A random model never writes the exact answer: every group scores all zeros.
        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder,
            TinyRuns.Grpo(steps: 6, extra: "guards: {zero_variance_steps: 3}", rewards: "rewards: [{name: exact_match}]")));

        Assert.StartsWith("run stopped at step 3: at least 100% of the groups had equal rewards for 3 updates in a row", e.Message);
    }

    [Fact]
    public void FailingRewardsStopTheRun()
    {
        using var folder = new RecipeFolder();
        // Port 9 (discard) refuses connections on loopback: every sample's reward fails.
        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder,
            TinyRuns.Grpo(steps: 4, extra: "reward_limits: {max_consecutive_failures: 0}",
                rewards: "rewards: [{http: {url: 'http://127.0.0.1:9/score', timeout: 5}}]")));

        Assert.StartsWith("run stopped at step 1: 100% of the samples failed their reward", e.Message);
    }

    [Fact]
    public void RewardsFailingTooOftenInARowStopTheRun()
    {
        using var folder = new RecipeFolder();
        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder,
            TinyRuns.Grpo(steps: 4, extra: "reward_limits: {max_consecutive_failures: 5}",
                rewards: "rewards: [{http: {url: 'http://127.0.0.1:9/score', timeout: 5}}]")));

        Assert.StartsWith("run stopped: ", e.Message);
        Assert.Contains("reward_limits.max_consecutive_failures", e.Message);
    }

    [Fact]
    public void ANonFiniteLossStopsTheRunBeforeAnyWeightChanges()
    {
        using var folder = new RecipeFolder();
        var recipe = """
            model:
              init: {arch: qwen2, preset: tiny, tokenizer: builtin}
            data:
              train: {task: arithmetic, count: 32}
            algorithm:
              name: sft
            learner: {lr: 1.0e+30, total_steps: 5, batch_size: 4, backward: plain, max_grad_norm: 1.0e+30}
            logging: {sinks: [jsonl]}
            """;
        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder, recipe));

        Assert.Matches(@"^run stopped at step [2-5]: the (loss|gradient)", e.Message);
        Assert.Matches("NaN|Infinity|non-finite|not finite", e.Message);
    }

    [Fact]
    public void AResumeThatWouldRunNoStepIsRefused()
    {
        using var folder = new RecipeFolder();
        TinyRuns.Run(folder, TinyRuns.Grpo(steps: 1));

        var e = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder, TinyRuns.Grpo(steps: 1), options: new RunOptions { Resume = true }));
        Assert.Contains("--resume would run no step", e.Message);
        Assert.Contains("is at step 1 of learner.total_steps 1", e.Message);

        var empty = Assert.Throws<RunStoppedException>(() => TinyRuns.Run(folder, TinyRuns.Grpo(steps: 1), "other", new RunOptions { Resume = true }));
        Assert.Contains("holds no checkpoint", empty.Message);
    }

    [Fact]
    public void AFolderHoldingARunIsNotOverwritten()
    {
        using var folder = new RecipeFolder();
        var first = TinyRuns.Run(folder, TinyRuns.Grpo(steps: 1));
        var metrics = File.ReadAllText(first.Folder.Metrics);

        var e = Assert.Throws<IOException>(() => TinyRuns.Run(folder, TinyRuns.Grpo(steps: 1)));
        Assert.Contains("already holds a run; pass --resume", e.Message);
        Assert.Equal(metrics, File.ReadAllText(first.Folder.Metrics));
    }
}
