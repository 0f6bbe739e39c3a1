using System.Text.Json.Nodes;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>SFT (with LoRA), DPO from a pairs file and online, and reward-model training, each end to end on a tiny model.</summary>
public sealed class OtherAlgorithmTests
{
    const string TinyModel = "model:\n  init: {arch: qwen2, preset: tiny, tokenizer: builtin}\n";

    [Fact]
    public void SftWithLoraLowersTheLossAndSavesAMergedModel()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, TinyModel + """
            data:
              train: {task: arithmetic, count: 64}
            algorithm: {name: sft}
            learner: {lr: 0.01, total_steps: 20, batch_size: 8, backward: streambp, lora: {enabled: true, rank: 8, alpha: 16}}
            logging: {sinks: [jsonl]}
            """);

        var losses = Rows(result.Folder.Metrics, "sft").Select(r => (double)r["loss"]!).ToList();
        Assert.Equal(20, losses.Count);
        Assert.True(losses[^1] < 0.9 * losses[0], $"loss {losses[0]:0.###} -> {losses[^1]:0.###}");
        Assert.True(File.Exists(Path.Combine(result.Folder.FinalModel, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(result.Folder.Checkpoints, "checkpoint-20", "adapter", "adapter_model.safetensors")));
    }

    [Fact]
    public void DpoOnAPairsFileLowersItsLossBelowLn2()
    {
        using var folder = new RecipeFolder();
        folder.Write("pairs.jsonl", string.Join("\n", Enumerable.Range(0, 8).Select(i =>
            $$"""{"prompt": "What is {{i}} + {{i}}?", "chosen": "{{2 * i}}", "rejected": "I do not know, maybe {{i + 7}}"}""")));
        var result = TinyRuns.Run(folder, TinyModel + """
            data:
              train: {path: pairs.jsonl}
            algorithm: {name: dpo, dpo: {beta: 0.5}}
            learner: {lr: 0.003, total_steps: 15, batch_size: 4, backward: plain}
            logging: {sinks: [jsonl]}
            """);

        var losses = Rows(result.Folder.Metrics, "dpo").Select(r => (double)r["loss"]!).ToList();
        Assert.Equal(Math.Log(2), losses[0], 3); // policy = reference at the first step
        Assert.True(losses.TakeLast(3).Average() < 0.5, $"last losses {string.Join(", ", losses.TakeLast(3))}");
    }

    [Fact]
    public void OnlineDpoMakesPairsFromScoredSamples()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, TinyModel + $$$"""
            data:
              train: {task: arithmetic, count: 16}
            rollout: {group_size: 4, max_response_length: 8}
            algorithm: {name: dpo, dpo: {online: true}}
            {{{TinyRuns.DigitShareRewards}}}
            learner: {lr: 0.001, total_steps: 3, batch_size: 4, backward: plain}
            logging: {sinks: [jsonl]}
            """);

        var rows = Rows(result.Folder.Metrics, "dpo");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.InRange((double)r["pairs"]!, 1, 4));
    }

    [Fact]
    public void RewardModelTrainingRanksThePairsItLearnedFrom()
    {
        using var folder = new RecipeFolder();
        folder.Write("pairs.jsonl", string.Join("\n", Enumerable.Range(0, 8).Select(i =>
            $$"""{"prompt": "Say something about {{i}}.", "chosen": "{{i}} is a fine number.", "rejected": "no"}""")));
        var result = TinyRuns.Run(folder, TinyModel + """
            data:
              train: {path: pairs.jsonl}
              eval: {path: pairs.jsonl}
            algorithm: {name: rm}
            learner: {lr: 0.003, total_steps: 20, batch_size: 8, backward: plain}
            logging: {sinks: [jsonl]}
            """);

        var last = Rows(result.Folder.Metrics, "rm")[^1];
        Assert.Equal(100.0, (double)last["heldout_accuracy"]!);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Folder.FinalModel, "config.json")))!;
        Assert.Equal(1, (int)config["num_labels"]!);
    }

    static List<JsonObject> Rows(string metrics, string phase) =>
        File.ReadAllLines(metrics).Select(l => JsonNode.Parse(l)!.AsObject()).Where(r => (string)r["phase"]! == phase).ToList();
}
