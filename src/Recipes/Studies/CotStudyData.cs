using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Core.Seeding;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Studies;

/// <summary>
/// The study's data files: one SFT file a variant (the recipe's training problems, each worked solution transformed,
/// <c>prompt</c> + <c>completion</c>) and one held-out file (<c>prompt</c> + <c>ground_truth</c>) that every variant
/// is evaluated on, with no training or warm-up problem in it.
/// </summary>
public sealed record CotStudyData(IReadOnlyDictionary<CotVariant, string> TrainFiles, string HeldoutFile, int TrainCount, int? HeldoutCount)
{
    public static CotStudyData Write(Recipe recipe, CotStudyOptions options, string folder)
    {
        var train = recipe.Data.Train;
        if (train.Task is null)
            throw new ArgumentException($"{recipe.File}: data.train: the study builds its variants from a built-in task's worked solutions; give data.train.task (long_cot), not a path");
        var eval = recipe.Data.Eval ?? throw new ArgumentException($"{recipe.File}: data.eval: missing; the study compares the variants on held-out problems");
        var problems = Problems(train, exclude: null);
        var traces = problems.Select(p => Trace(p, train.Task)).ToList();

        var files = new Dictionary<CotVariant, string>();
        foreach (var variant in options.Variants)
        {
            var random = new Random(StableSeed.Of(options.Seed, (long)variant));
            var lines = problems.Select((p, i) => new JsonObject
            {
                ["id"] = p.Id, ["prompt"] = p.Prompt,
                ["completion"] = CotPerturbations.Apply(variant, traces[i], random, options.StepFraction, options.DigitCorruption).ToString(),
            });
            files[variant] = WriteLines(Path.Combine(folder, $"train-{variant.Name()}.jsonl"), lines);
        }

        if (eval.Path is not null) return new CotStudyData(files, eval.Path, problems.Count, null);
        var seen = new[] { train, recipe.Data.Warmup }.Where(s => s?.Task is { } task && eval.Task is not null && BuiltinTasks.SameProblems(task, eval.Task)).SelectMany(s => Problems(s!, null)).Select(p => p.Id).ToHashSet();
        var heldout = Problems(eval, seen);
        var heldoutFile = WriteLines(Path.Combine(folder, "heldout.jsonl"), heldout.Select(p => new JsonObject
        {
            ["id"] = p.Id, ["prompt"] = p.Prompt, ["ground_truth"] = p.GroundTruth,
            ["metadata"] = new JsonObject(p.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
        }));
        return new CotStudyData(files, heldoutFile, problems.Count, heldout.Count);
    }

    static IReadOnlyList<TaskProblem> Problems(DataSource source, IReadOnlySet<string>? exclude) =>
        BuiltinTasks.Generate(BuiltinTasks.For(source), source.Count, source.Seed, exclude);

    static CotTrace Trace(TaskProblem problem, string task)
    {
        try
        {
            return CotTrace.Parse(problem.Solution);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"data.train.task '{task}': its worked solutions are not chains of thought, so the study cannot vary them ({e.Message}); use long_cot");
        }
    }

    // Keeps + and quotes readable in the files (JSON allows them unescaped).
    static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string WriteLines(string path, IEnumerable<JsonObject> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line.ToJsonString(Readable)).Append('\n');
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }
}
