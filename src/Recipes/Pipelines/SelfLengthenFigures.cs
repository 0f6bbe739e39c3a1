using System.Text.Json.Nodes;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Self-Lengthen's figures for <c>summary.json</c>: <c>mean_length_per_iteration</c> (the Generator's mean answer
/// length in words before the first macro-iteration and after each), <c>acceptance_rate</c> (samples the micro-loop
/// grew past min_growth over the samples it tried, all iterations together) and a row per iteration.
/// </summary>
public static class SelfLengthenFigures
{
    public static JsonObject Build(IReadOnlyList<double> lengths, IReadOnlyList<IterationReport> reports, int measuredPrompts,
        string measuredOn, string dataset)
    {
        var tried = reports.Sum(r => r.PassedCheck);
        return new JsonObject
        {
            ["mean_length_per_iteration"] = new JsonArray(lengths.Select(l => Number(l, 3)).ToArray()),
            ["length_growth_per_iteration"] = new JsonArray(lengths.Skip(1).Zip(lengths, (after, before) => Number(after / before, 4)).ToArray()),
            ["acceptance_rate"] = tried == 0 ? 0 : Math.Round(reports.Sum(r => r.Accepted) / (double)tried, 6),
            ["self_lengthen"] = new JsonObject
            {
                ["measured_on"] = measuredOn,
                ["measured_prompts"] = measuredPrompts,
                ["final_dataset"] = dataset,
                ["final_dataset_samples"] = reports.Sum(r => r.Kept.Count),
                ["iterations"] = new JsonArray(reports.Select(r => (JsonNode?)new JsonObject
                {
                    ["iteration"] = r.Iteration,
                    ["written"] = r.Written,
                    ["passed_check"] = r.PassedCheck,
                    ["accepted"] = r.Accepted,
                    ["kept"] = r.Kept.Count,
                    ["acceptance_rate"] = Math.Round(r.AcceptanceRate, 6),
                    ["rounds_tried"] = r.RoundsTried,
                    ["rounds_accepted"] = r.RoundsAccepted,
                }).ToArray()),
            },
        };
    }

    // A ratio over a zero length (a Generator that wrote nothing) is not a number: null, as metrics.jsonl writes it.
    static JsonNode? Number(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
}
