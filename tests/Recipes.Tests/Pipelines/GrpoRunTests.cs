using System.Text.Json.Nodes;

namespace PostTrain.Recipes.Tests.Pipelines;

public sealed class GrpoRunTests
{
    [Fact]
    public void HeldOutRewardRisesAndTheRunLeavesWhatItShould()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, TinyRuns.Grpo(steps: 12, extra: "checkpoints: {every: 6, keep: 1}"),
            overrides: ["logging.sinks=[jsonl,tensorboard]"]);

        // The digit-share reward on held-out prompts, sampled, before and after 12 updates.
        Assert.True(result.After!.RewardMean > result.Before!.RewardMean + 0.1,
            $"held-out reward {result.Before.RewardMean:0.###} -> {result.After.RewardMean:0.###}");

        var root = result.Folder.Root;
        var rows = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var updates = rows.Where(r => (string)r["phase"]! == "grpo").ToList();
        Assert.Equal(Enumerable.Range(1, 12), updates.Select(r => (int)r["step"]!));
        foreach (var key in new[] { "reward_mean", "reward_std", "accuracy", "response_length_mean", "response_length_max", "truncation_ratio",
                     "entropy", "kl", "clip_fraction", "grad_norm", "lr", "tokens_per_second", "rollout_seconds", "learner_seconds" })
            Assert.All(updates, r => Assert.True(r.ContainsKey(key), $"metrics.jsonl row lacks {key}"));
        Assert.Equal([0L, 12L], rows.Where(r => (string)r["phase"]! == "eval").Select(r => (long)r["step"]!));

        var summary = TinyRuns.Summary(result);
        Assert.Equal(result.Before.AvgAtK, (double)summary["heldout_accuracy_before"]!);
        Assert.Equal(result.After.AvgAtK, (double)summary["heldout_accuracy_after"]!);
        var samples = summary["samples"]!.AsObject();
        Assert.Equal(0L, (long)samples["lost"]!);
        var dropped = samples["dropped"]!.AsObject().Sum(d => (long)d.Value!);
        Assert.Equal((long)samples["started"]!, (long)samples["trained"]! + dropped + (long)samples["in_buffer"]!);
        Assert.Equal(12 * 2 * 4L, (long)samples["trained"]!); // 12 updates x 2 prompts x G = 4
        Assert.True((long)samples["carried_over"]! > 0, "with 2 segments of 6 tokens some samples continue in a later step");

        Assert.True(File.Exists(Path.Combine(root, "recipe.yaml")));
        Assert.True(File.Exists(Path.Combine(root, "model", "config.json")) && File.Exists(Path.Combine(root, "model", "tokenizer.json")));
        Assert.Equal("checkpoint-12", File.ReadAllText(Path.Combine(root, "checkpoints", "latest")).Trim());
        Assert.Single(Directory.GetDirectories(Path.Combine(root, "checkpoints"), "checkpoint-*")); // keep: 1
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(root, "tensorboard"), "events.out.tfevents.*"));
        foreach (var plot in new[] { "reward.png", "length.png", "entropy.png", "loss.png" })
            Assert.True(File.Exists(Path.Combine(root, "plots", plot)), $"plots/{plot} missing");
    }

    [Fact]
    public void ARunThatRefillsFreedSlotsLosesAndRepeatsNoSample()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, TinyRuns.Grpo(steps: 4), overrides: ["rollout.refill_samples=8"]);

        var samples = TinyRuns.Summary(result)["samples"]!.AsObject();
        Assert.Equal(0L, (long)samples["lost"]!);
        var dropped = samples["dropped"]!.AsObject().Sum(d => (long)d.Value!);
        Assert.Equal((long)samples["started"]!, (long)samples["trained"]! + dropped + (long)samples["in_buffer"]!);
        Assert.True((long)samples["trained"]! >= 4 * 2 * 4L);
        Assert.True((long)samples["started_mid_step"]! > 0, "with 2 segments of 6 tokens and lengths up to 12, slots free up mid-step");
        var updates = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(r => (string)r["phase"]! == "grpo").ToList();
        Assert.All(updates, r => Assert.True(r.ContainsKey("started_mid_step"), "metrics.jsonl row lacks started_mid_step"));
    }
}
