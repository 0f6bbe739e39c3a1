using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Actors.Contracts;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Metrics;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// <c>summary.json</c>: the run's final figures, held-out accuracy before and after (points, 0-100), the sample
/// accounting of RL runs (started, finished, carried over, truncated, dropped by reason, lost) and where things are.
/// </summary>
public static class RunSummary
{
    public static JsonObject Build(Recipe recipe, RunFolder folder, PipelineOutcome outcome, EvaluationResult? before,
        EvaluationResult? after, TimeSpan wall, string? stoppedBecause = null)
    {
        var summary = new JsonObject
        {
            ["name"] = recipe.Name,
            ["recipe"] = Path.GetFullPath(recipe.File),
            ["algorithm"] = recipe.Resolved.Get<string>("algorithm.name"),
            ["completed"] = stoppedBecause is null && !outcome.Interrupted,
            ["steps"] = outcome.Steps,
            ["total_steps"] = recipe.Training.TotalSteps,
            ["heldout_accuracy_before"] = before?.AvgAtK,
            ["heldout_accuracy_after"] = after?.AvgAtK,
        };
        if (stoppedBecause is not null) summary["stopped"] = stoppedBecause;
        if (before is not null || after is not null)
            summary["heldout"] = new JsonObject
            {
                ["prompts"] = (after ?? before)!.Prompts,
                ["samples_per_prompt"] = (after ?? before)!.SamplesPerPrompt,
                ["temperature"] = recipe.Evaluation.Temperature,
                ["before"] = Node(before),
                ["after"] = Node(after),
            };
        summary["final"] = new JsonObject(outcome.LastMetrics.Where(m => double.IsFinite(m.Value))
            .Select(m => KeyValuePair.Create(m.Key, (JsonNode?)Math.Round(m.Value, 6))));
        AddLengthFigures(summary, folder, recipe.Algorithm.Kind.ToString().ToLowerInvariant());
        if (outcome.Samples is { } samples) summary["samples"] = Samples(samples);
        foreach (var (key, value) in outcome.Figures ?? []) summary[key] = value?.DeepClone();
        summary["tokens_generated"] = outcome.Totals.TokensGenerated;
        summary["rollout_seconds"] = Math.Round(outcome.Totals.RolloutSeconds, 3);
        summary["learner_seconds"] = Math.Round(outcome.Totals.LearnerSeconds, 3);
        summary["wall_seconds"] = Math.Round(wall.TotalSeconds, 3);
        summary["model"] = Directory.Exists(folder.FinalModel) ? folder.FinalModel : null;
        summary["checkpoint"] = Learner.Checkpoints.TrainingCheckpoint.Latest(folder.Checkpoints);
        return summary;
    }

    /// <summary>
    /// LongWriter-Zero's figures, when the run has a length reward: the share of answers inside their target range and
    /// the mean length reward at the first and the last update, from <c>metrics.jsonl</c> (so a resumed run has them too).
    /// </summary>
    static void AddLengthFigures(JsonObject summary, RunFolder folder, string phase)
    {
        if (!File.Exists(folder.Metrics)) return;
        var rows = MetricsFile.Read(folder.Metrics).Where(r => r.Phase == phase && r.Values.ContainsKey(RewardFigures.InRange)).ToList();
        if (rows.Count == 0) return;
        var (first, last) = (rows.MinBy(r => r.Step)!, rows.MaxBy(r => r.Step)!);
        summary["length_figures_steps"] = new JsonArray(first.Step, last.Step);
        summary["in_range_fraction_first"] = Math.Round(first.Values[RewardFigures.InRange], 6);
        summary["in_range_fraction_last"] = Math.Round(last.Values[RewardFigures.InRange], 6);
        summary["length_reward_first"] = Math.Round(first.Values.GetValueOrDefault(LengthReward), 6);
        summary["length_reward_last"] = Math.Round(last.Values.GetValueOrDefault(LengthReward), 6);
    }

    const string LengthReward = "reward_length";

    public static void Write(RunFolder folder, JsonObject summary) =>
        AtomicFile.WriteText(folder.Summary, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    static JsonObject Samples(BufferSnapshot s) => new()
    {
        ["started"] = s.Started,
        ["started_mid_step"] = s.StartedMidStep,
        ["finished"] = s.Finished,
        ["carried_over"] = s.CarriedOver,
        ["truncated"] = s.Truncated,
        ["trained"] = s.Trained,
        ["dropped"] = new JsonObject(s.Dropped.OrderBy(d => d.Key).Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        ["in_buffer"] = s.UnfinishedSamples + s.FinishedSamples,
        ["segments_redone"] = s.SegmentsRedone,
        ["lost"] = s.Lost,
    };

    static JsonObject? Node(EvaluationResult? r) => r is null ? null : new JsonObject
    {
        ["avg_at_k"] = Math.Round(r.AvgAtK, 4),
        ["pass_at_k"] = Math.Round(r.PassAtK, 4),
        ["reward_mean"] = Math.Round(r.RewardMean, 6),
        ["response_length_mean"] = Math.Round(r.ResponseLengthMean, 3),
        ["truncation_ratio"] = Math.Round(r.TruncationRatio, 6),
        ["reward_failures"] = r.RewardFailures,
        ["rewards"] = new JsonObject(r.RewardBreakdown.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)Math.Round(b.Value, 6)))),
    };
}
