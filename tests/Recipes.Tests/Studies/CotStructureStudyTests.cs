using System.Text.Json.Nodes;
using PostTrain.Recipes.Data;
using PostTrain.Recipes.Studies;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Tests.Studies;

/// <summary>
/// The structure study end to end on a tiny model: six variant runs from one starting model, one shared held-out
/// file, and summary.json with every accuracy and ratio. With <c>pass_threshold: 0</c> every answer counts, so clean's
/// accuracy is above 0 and every ratio is defined whatever the tiny model writes.
/// </summary>
public sealed class CotStructureStudyTests
{
    public const string TinyRecipe = """
        name: tiny-cot
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin, seed: 0}
        data:
          train: {task: long_cot, count: 24, seed: 1}
          eval: {task: long_cot, count: 4, seed: 2}
          warmup: {task: arithmetic, count: 16, seed: 3, max_operand: 20, operations: "+-"}
        algorithm:
          name: sft
          sft: {warmup_steps: 2, warmup_batch_size: 4}
        rewards:
          - name: math_verify
        learner: {lr: 0.01, total_steps: 3, batch_size: 2, backward: streambp, lora: {enabled: true, rank: 4, alpha: 8}}
        evaluation: {samples: 1, temperature: 0, max_response_length: 8, pass_threshold: 0}
        logging: {sinks: [jsonl]}
        """;

    [Fact]
    public async Task ATinyStudyTrainsEveryVariantFromOneModelAndWritesTheRatios()
    {
        using var folder = new RecipeFolder();
        var recipe = folder.Write("tiny-cot.yaml", TinyRecipe);
        var output = new StringWriter();

        var result = await CotStructureStudy.RunAsync(recipe, ["learner.seed=4"], new CotStudyOptions { Out = Path.Combine(folder.Path, "study"), Steps = 2 }, output);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Folder, "summary.json")))!;
        var names = CotVariants.All.Select(v => v.Name()).ToList();
        Assert.Equal(names, summary["accuracy_ratio"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1.0, (double)summary["accuracy_ratio"]!["clean"]!);
        foreach (var name in names)
            Assert.Equal((double)summary["accuracy"]![name]! / (double)summary["accuracy"]!["clean"]!, (double)summary["accuracy_ratio"]![name]!, 3);
        Assert.True((bool)summary["completed"]!);
        Assert.Equal(2, (int)summary["settings"]!["steps"]!);
        Assert.Equal(4, (int)summary["heldout"]!["prompts"]!);
        Assert.Contains("step_deleted     structure", output.ToString());

        var clean = Path.Combine(result.Folder, "runs", "clean");
        var start = Path.Combine(clean, "warmup-model");
        Assert.Equal(start, (string)summary["start_model"]!);
        Assert.NotNull(summary["start_accuracy"]);
        foreach (var name in names.Skip(1))
        {
            var run = Path.Combine(result.Folder, "runs", name);
            var runSummary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
            Assert.Equal(2, (int)runSummary["steps"]!);
            Assert.Null(runSummary["heldout_accuracy_before"]);
            Assert.False(Directory.Exists(Path.Combine(run, "warmup-model")), $"{name} must not warm up again");
            Assert.Contains($"path: {start}", File.ReadAllText(Path.Combine(run, "recipe.yaml")));
        }
        Assert.Contains("path: " + Path.Combine(result.Folder, "data", "heldout.jsonl"), File.ReadAllText(Path.Combine(clean, "recipe.yaml")));
    }

    [Fact]
    public void TheVariantFilesHoldTheTrainingProblemsTransformedAndTheHeldOutFileNoneOfThem()
    {
        using var folder = new RecipeFolder();
        // A short_cot warm-up drawn with the held-out set's own seed: without the exclusion the two would be the same problems.
        var recipe = RecipeReader.Read(folder.Write("tiny-cot.yaml", TinyRecipe), ["data.warmup={task: short_cot, count: 24, seed: 2}"]);

        var data = CotStudyData.Write(recipe, new CotStudyOptions(), Path.Combine(folder.Path, "data"));

        var clean = DatasetLoader.LoadSft(data.TrainFiles[CotVariant.Clean]);
        var problems = BuiltinTasks.Generate(new LongCotTask(), 24, seed: 1);
        Assert.Equal(problems.Select(p => p.Solution), clean.Select(e => e.Messages[1].Content));
        foreach (var variant in CotVariants.All.Skip(1))
        {
            var changed = DatasetLoader.LoadSft(data.TrainFiles[variant]);
            Assert.Equal(clean.Select(e => e.Messages[0].Content), changed.Select(e => e.Messages[0].Content));
            Assert.NotEqual(clean.Select(e => e.Messages[1].Content), changed.Select(e => e.Messages[1].Content));
        }
        var wrong = DatasetLoader.LoadSft(data.TrainFiles[CotVariant.WrongAnswer]);
        Assert.All(clean.Zip(wrong), p => Assert.Equal(CotTrace.Parse(p.First.Messages[1].Content).Steps, CotTrace.Parse(p.Second.Messages[1].Content).Steps));

        var heldout = DatasetLoader.LoadRl(data.HeldoutFile);
        Assert.Equal(4, heldout.Count);
        Assert.Empty(heldout.Select(e => e.Id).Intersect(problems.Select(p => p.Id)));
        Assert.Empty(heldout.Select(e => e.Id).Intersect(BuiltinTasks.Generate(LongCotTask.Short(), 24, seed: 2).Select(p => p.Id)));
        Assert.All(heldout, e => Assert.NotNull(e.GroundTruth));
    }

    [Fact]
    public async Task AStudyRefusesWhatItCannotCompare()
    {
        using var folder = new RecipeFolder();
        var recipe = folder.Write("tiny-cot.yaml", TinyRecipe);
        folder.Write("pairs.jsonl", "{}");
        async Task<string> Refusal(IReadOnlyList<string> overrides, CotStudyOptions? options = null) =>
            (await Assert.ThrowsAsync<ArgumentException>(() => CotStructureStudy.RunAsync(recipe, overrides,
                options ?? new CotStudyOptions { Out = Path.Combine(folder.Path, "refused") }, TextWriter.Null))).Message;

        Assert.Contains("include clean", await Refusal([], new CotStudyOptions { Variants = [CotVariant.WrongAnswer] }));
        Assert.Contains("data.train.task (long_cot)", await Refusal(["data.train={path: pairs.jsonl}"]));
        Assert.Contains("use long_cot", await Refusal(["data.train.task=arithmetic"]));
        Assert.Contains("expected 'sft'", await Refusal(["algorithm.name=dpo", "learner.lora.enabled=false"]));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "refused", "runs")));
    }
}
