using System.Diagnostics;
using System.Text.Json;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Studies;

/// <summary>
/// <c>posttrain study cot-structure</c>: trains the recipe's SFT once per variant of its training traces (clean,
/// content-perturbed, structure-perturbed), every variant from the same starting model, and evaluates each on the same
/// held-out problems. <c>clean</c> runs first and is the recipe as written (SFT warm-up included); the others start
/// from its warm-up model (or its base model, without a warm-up) and skip the warm-up and the evaluation before
/// training, which would repeat clean's. Each variant is an ordinary run under <c>runs/VARIANT/</c>, its recipe
/// written there; <c>summary.json</c> (rewritten after every variant) holds the accuracies and their ratios to clean.
/// </summary>
public static class CotStructureStudy
{
    public static async Task<CotStudyResult> RunAsync(string recipeFile, IReadOnlyList<string> overrides, CotStudyOptions options,
        TextWriter output, CancellationToken cancellation = default)
    {
        CotStudyOptions.Validate(options);
        var recipe = RecipeReader.Read(recipeFile, overrides);
        if (recipe.Algorithm.Kind != AlgorithmKind.Sft)
            throw new ArgumentException($"{recipeFile}: algorithm.name: the study trains with SFT; expected 'sft', got '{recipe.Algorithm.Kind.ToString().ToLowerInvariant()}'");
        if (recipe.Rewards.Count == 0)
            throw new ArgumentException($"{recipeFile}: rewards: missing; the held-out answers are scored with the recipe's rewards (e.g. math_verify)");
        var name = string.IsNullOrWhiteSpace(recipe.Name) ? Path.GetFileNameWithoutExtension(recipeFile) : recipe.Name;
        var root = Path.GetFullPath(options.Out ?? Path.Combine("runs", $"{name}-cot-structure"));
        var runs = Path.Combine(root, "runs");
        if (File.Exists(Path.Combine(root, CotStudySummary.FileName)) || Directory.Exists(runs))
            throw new IOException($"{root} already holds a study; pass --out DIR to start a new one");

        var wall = Stopwatch.StartNew();
        var data = CotStudyData.Write(recipe, options, Path.Combine(root, "data"));
        var summary = new CotStudySummary(recipe, overrides, options, data);
        string? start = recipe.Model.Path;
        foreach (var variant in options.Variants.OrderBy(v => v != CotVariant.Clean))
        {
            output.WriteLine($"study cot-structure: training variant {variant.Name()} ({variant.Kind()})");
            var variantOverrides = overrides.Concat(Overrides(recipe, name, variant, data, options.Steps, start)).ToList();
            var variantRecipe = RecipeReader.Read(recipeFile, variantOverrides);
            var watch = Stopwatch.StartNew();
            var result = await TrainingRun.RunAsync(variantRecipe, new RunOptions
            {
                Out = Path.Combine(runs, variant.Name()), EvaluateBefore = variant == CotVariant.Clean, Interactive = options.Interactive,
            }, output, cancellation);
            if (result.After is null) throw new InvalidOperationException($"variant {variant.Name()} ended without a held-out evaluation");
            if (variant == CotVariant.Clean)
            {
                start = recipe.Algorithm.SftWarmupSteps > 0 ? result.Folder.WarmupModel : recipe.Model.Path ?? result.Folder.BaseModel;
                summary.Start(result.Before, start);
            }
            summary.Add(variant, result, variantOverrides.Skip(overrides.Count).ToList(), watch.Elapsed);
            summary.Write(root, wall.Elapsed, completed: false);
        }
        summary.Write(root, wall.Elapsed, completed: true);
        output.WriteLine(summary.Table());
        output.WriteLine($"summary: {Path.Combine(root, CotStudySummary.FileName)}");
        return new CotStudyResult(root, summary.Accuracy, summary.Ratios());
    }

    // What a variant changes in the recipe: its training file, the shared held-out file, its name, the study's step
    // count; after clean, the starting model and no warm-up.
    static IEnumerable<string> Overrides(Recipe recipe, string name, CotVariant variant, CotStudyData data, int? steps, string? start)
    {
        yield return $"name={Quote($"{name}-{variant.Name()}")}";
        yield return $"data.train={{path: {Quote(data.TrainFiles[variant])}}}";
        yield return $"data.eval={{path: {Quote(data.HeldoutFile)}}}";
        if (steps is { } count) yield return $"learner.total_steps={count}";
        if (variant == CotVariant.Clean) yield break;
        yield return $"model={{path: {Quote(start!)}, dtype: {recipe.Model.DType}, device: {Quote(recipe.Model.Device)}}}";
        yield return "algorithm.sft.warmup_steps=0";
    }

    // A JSON string is a YAML double-quoted scalar: paths with spaces or colons stay one value.
    static string Quote(string text) => JsonSerializer.Serialize(text);
}

/// <summary>Where a study left its files, and its held-out accuracy (points) and accuracy ratio to clean by variant.</summary>
public sealed record CotStudyResult(string Folder, IReadOnlyDictionary<CotVariant, double> Accuracy, IReadOnlyDictionary<CotVariant, double?> Ratios);
