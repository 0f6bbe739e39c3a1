using System.Text.Json.Nodes;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>
/// LongWriter-Zero's recipe shape on a tiny model: a reward_model stage trains the quality reward, then GRPO runs with
/// the length, quality and format rewards and averaged advantages; the summary carries the length figures.
/// </summary>
public sealed class LongWriterZeroTests
{
    const string Writing = "{task: long_writing_think, min_words: 4, max_words: 12";

    static string Recipe(string algorithm, string extra = "") => $$"""
        name: tiny-longwriter
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin, seed: 0}
        data:
          train: {{Writing}}, count: 64, seed: 1}
          eval: {{Writing}}, count: 8, seed: 2}
          max_prompt_length: 128
        reward_model:
          data: {{Writing}}, count: 64, seed: 4}
          eval: {{Writing}}, count: 32, seed: 5}
          steps: 8
          lr: 0.003
          batch_size: 8
        rollout: {group_size: 4, max_response_length: 24, segments: 2, active_samples: 16, temperature: 1.0, seed: 5, truncation: keep}
        algorithm: {{algorithm}}
        rewards:
          - name: length
            max_length: 30
          - name: reward_model
          - name: longwriter_format
        learner: {lr: 0.003, total_steps: 3, batch_size: 2, backward: plain, seed: 3}
        evaluation: {samples: 2, temperature: 1.0}
        logging: {sinks: [jsonl]}
        guards: {truncation_steps: 1000}
        {{extra}}
        """;

    [Fact]
    public void TheRewardModelStageTrainsFirstAndTheSummaryCarriesTheLengthFigures()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, Recipe("{name: grpo}", "rewards_composition: averaged_advantages"));

        Assert.True(File.Exists(Path.Combine(result.Folder.RewardModel, "model.safetensors")));
        var rows = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var stage = rows.Where(r => (string)r["phase"]! == "reward_model").ToList();
        Assert.Equal(Enumerable.Range(1, 8), stage.Select(r => (int)r["step"]!));
        Assert.True(stage[^1].ContainsKey("heldout_accuracy"));
        Assert.True(rows.IndexOf(stage[^1]) < rows.FindIndex(r => (string)r["phase"]! == "grpo"), "the stage runs before the policy trains");

        var updates = rows.Where(r => (string)r["phase"]! == "grpo").ToList();
        Assert.All(updates, r =>
        {
            foreach (var key in new[] { "reward_length", "reward_reward_model", "reward_longwriter_format", "in_range_fraction" })
                Assert.True(r.ContainsKey(key), $"metrics row lacks {key}");
            Assert.InRange((double)r["in_range_fraction"]!, 0, 1);
        });

        var summary = TinyRuns.Summary(result);
        Assert.Equal((double)updates[0]["in_range_fraction"]!, (double)summary["in_range_fraction_first"]!, 6);
        Assert.Equal((double)updates[^1]["in_range_fraction"]!, (double)summary["in_range_fraction_last"]!, 6);
        Assert.Equal((double)updates[0]["reward_length"]!, (double)summary["length_reward_first"]!, 6);
        Assert.Equal((double)updates[^1]["reward_length"]!, (double)summary["length_reward_last"]!, 6);
        Assert.Equal([1L, 3L], summary["length_figures_steps"]!.AsArray().Select(n => (long)n!));
        var heldout = summary["heldout"]!["after"]!["rewards"]!.AsObject();
        Assert.True(heldout.ContainsKey("in_range_fraction") && heldout.ContainsKey("reward_reward_model"));
    }

    [Fact]
    public void OnlineDpoWithTheLengthAndQualityRewardsLogsTheirFigures()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, Recipe("{name: dpo, dpo: {online: true}}"));

        var updates = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(r => (string)r["phase"]! == "dpo").ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, r => Assert.True(r.ContainsKey("in_range_fraction") && r.ContainsKey("reward_reward_model")));
        Assert.True(TinyRuns.Summary(result).ContainsKey("in_range_fraction_last"));
    }
}
