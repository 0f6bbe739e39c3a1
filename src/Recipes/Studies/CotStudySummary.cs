using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Studies;

/// <summary>
/// The study's <c>summary.json</c>: held-out <c>accuracy</c> (avg@k, points) by variant, <c>accuracy_ratio</c> (variant
/// accuracy / clean accuracy; null while clean's is 0), pass@k, the starting model's accuracy, the settings, and
/// where each variant's run and data are. Also the table printed at the end.
/// </summary>
public sealed class CotStudySummary(Recipe recipe, IReadOnlyList<string> overrides, CotStudyOptions options, CotStudyData data)
{
    public const string FileName = "summary.json";

    readonly Dictionary<CotVariant, VariantRun> _variants = [];
    EvaluationResult? _before;
    string? _startModel;

    public IReadOnlyDictionary<CotVariant, double> Accuracy => _variants.ToDictionary(v => v.Key, v => v.Value.Run.After!.AvgAtK);

    public void Start(EvaluationResult? before, string startModel) => (_before, _startModel) = (before, startModel);

    public void Add(CotVariant variant, RunResult run, IReadOnlyList<string> variantOverrides, TimeSpan wall) =>
        _variants[variant] = new VariantRun(run, variantOverrides, wall);

    public IReadOnlyDictionary<CotVariant, double?> Ratios()
    {
        var clean = _variants.TryGetValue(CotVariant.Clean, out var c) ? c.Run.After!.AvgAtK : 0;
        return _variants.ToDictionary(v => v.Key, v => clean > 0 ? v.Value.Run.After!.AvgAtK / clean : (double?)null);
    }

    public void Write(string folder, TimeSpan wall, bool completed)
    {
        var ratios = Ratios();
        var first = _variants.Values.Select(v => v.Run.After!).FirstOrDefault();
        var summary = new JsonObject
        {
            ["study"] = "cot-structure",
            ["recipe"] = Path.GetFullPath(recipe.File),
            ["overrides"] = new JsonArray(overrides.Select(o => (JsonNode?)o).ToArray()),
            ["completed"] = completed,
            ["accuracy"] = ByVariant(v => Round(v.Value.Run.After!.AvgAtK)),
            ["accuracy_ratio"] = ByVariant(v => ratios[v.Key] is { } r ? Round(r) : null),
            ["pass_at_k"] = ByVariant(v => Round(v.Value.Run.After!.PassAtK)),
            ["start_accuracy"] = _before is null ? null : Round(_before.AvgAtK),
            ["start_model"] = _startModel,
            ["heldout"] = new JsonObject
            {
                ["file"] = data.HeldoutFile,
                ["prompts"] = first?.Prompts,
                ["samples_per_prompt"] = first?.SamplesPerPrompt,
                ["temperature"] = recipe.Evaluation.Temperature,
                ["metric"] = "avg@k, points: the mean share of a prompt's k answers that the rewards score at or over evaluation.pass_threshold",
            },
            ["settings"] = new JsonObject
            {
                ["train_examples"] = data.TrainCount,
                ["steps"] = options.Steps ?? recipe.Training.TotalSteps,
                ["step_fraction"] = options.StepFraction,
                ["digit_corruption"] = options.DigitCorruption,
                ["seed"] = options.Seed,
            },
            ["variants"] = ByVariant(v => new JsonObject
            {
                ["kind"] = v.Key.Kind(),
                ["train_file"] = data.TrainFiles[v.Key],
                ["run"] = v.Value.Run.Folder.Root,
                ["overrides"] = new JsonArray(v.Value.Overrides.Select(o => (JsonNode?)o).ToArray()),
                ["response_length_mean"] = Round(v.Value.Run.After!.ResponseLengthMean),
                ["final_loss"] = v.Value.Run.Outcome.LastMetrics.TryGetValue("loss", out var loss) ? Round(loss) : null,
                ["wall_seconds"] = Round(v.Value.Wall.TotalSeconds),
            }),
            ["wall_seconds"] = Round(wall.TotalSeconds),
        };
        AtomicFile.WriteText(Path.Combine(folder, FileName), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>One row a variant: kind, accuracy, ratio to clean, pass@k; and the starting model's accuracy.</summary>
    public string Table()
    {
        var ratios = Ratios();
        var k = _variants.Values.First().Run.After!.SamplesPerPrompt;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"variant",-16} {"kind",-10} {$"avg@{k}",8} {"ratio",7} {$"pass@{k}",8}");
        foreach (var (variant, v) in _variants.OrderBy(v => v.Key))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{variant.Name(),-16} {variant.Kind(),-10} {v.Run.After!.AvgAtK,8:0.0} {(ratios[variant] is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-"),7} {v.Run.After.PassAtK,8:0.0}");
        if (_before is not null) text.Append(CultureInfo.InvariantCulture, $"starting model (before SFT): avg@{k} {_before.AvgAtK:0.0}");
        return text.ToString().TrimEnd();
    }

    JsonObject ByVariant(Func<KeyValuePair<CotVariant, VariantRun>, JsonNode?> value) =>
        new(_variants.OrderBy(v => v.Key).Select(v => KeyValuePair.Create(v.Key.Name(), value(v))));

    sealed record VariantRun(RunResult Run, IReadOnlyList<string> Overrides, TimeSpan Wall);

    static CotVariant Key(KeyValuePair<CotVariant, (RunResult, IReadOnlyList<string>, TimeSpan)> entry) => entry.Key;

    static JsonNode Round(double value) => JsonValue.Create(Math.Round(value, 4));
}
