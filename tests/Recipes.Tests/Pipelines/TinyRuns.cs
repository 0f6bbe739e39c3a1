using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>
/// Small recipes that run end to end in seconds: a tiny random model, the built-in arithmetic prompts, and the
/// digit-share plug-in reward, which a random model learns within a few GRPO updates.
/// </summary>
internal static class TinyRuns
{
    public static string DigitShareRewards => $"""
        rewards:
          - plugin: {TestPlugin.Path_}
            type: {TestPlugin.DigitShare}
        """;

    public static string Grpo(int steps, string extra = "", string? rewards = null) => $$"""
        name: tiny-grpo
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin, seed: 0}
        data:
          train: {task: arithmetic, count: 64, seed: 1}
          eval: {task: arithmetic, count: 16, seed: 2}
        rollout: {group_size: 4, max_response_length: 12, segments: 2, active_samples: 16, temperature: 1.0, seed: 5, truncation: keep}
        algorithm:
          name: grpo
          grpo: {loss_aggregation: token_mean}
        {{rewards ?? DigitShareRewards}}
        learner: {lr: 0.01, total_steps: {{steps}}, batch_size: 2, backward: plain, seed: 3}
        evaluation: {samples: 2, temperature: 1.0}
        logging: {sinks: [jsonl]}
        {{(extra.Contains("guards") ? "" : "guards: {truncation_steps: 1000}")}}
        {{extra}}
        """;

    public static RunResult Run(RecipeFolder folder, string recipeText, string run = "run", RunOptions? options = null,
        IEnumerable<string>? overrides = null)
    {
        var file = folder.Write($"{run}.yaml", recipeText);
        var recipe = RecipeReader.Read(file, overrides);
        return TrainingRun.RunAsync(recipe, (options ?? new RunOptions()) with { Out = Path.Combine(folder.Path, run) }, TextWriter.Null)
            .GetAwaiter().GetResult();
    }

    public static JsonObject Summary(RunResult result) => JsonNode.Parse(File.ReadAllText(result.Folder.Summary))!.AsObject();

    /// <summary>metrics.jsonl rows, without the figures that measure time (they differ between any two runs).</summary>
    public static List<string> RowsWithoutTimings(string metricsPath) =>
        File.ReadAllLines(metricsPath).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            foreach (var timing in new[] { "tokens_per_second", "rollout_seconds", "learner_seconds" }) row.Remove(timing);
            return row.ToJsonString(new JsonSerializerOptions());
        }).ToList();
}
