using System.Text.Json.Nodes;
using PostTrain.Recipes.LongGeneration;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>
/// A tiny Self-Lengthen run, shared by the tests below: a tiny model warmed up (from a file) to answer every
/// instruction with one short two-paragraph text and to expand a draft of it into one longer text, then one greedy
/// macro-iteration. Nothing is faked: the roles write with the engine and train as LoRA adapters.
/// </summary>
public sealed class SelfLengthenRunFixture : IDisposable
{
    public const string Short = "A cat sat.\n\nIt slept.";
    public const string Long = "A cat sat on a mat.\n\nIt slept all day.\n\nThen it ate.";
    static readonly string[] Train = ["Write about a cat.", "Write about a dog.", "Write about a bird.", "Write about a fish."];
    static readonly string[] Heldout = ["Write about a cow.", "Write about a fox."];
    readonly RecipeFolder _folder = new();

    public SelfLengthenRunFixture()
    {
        var head = ExtensionSplit.FirstHalf(Short).Head;
        RoleDataFile.Write(Path.Combine(_folder.Path, "warmup.jsonl"), Train.Concat(Heldout).SelectMany(i => new[]
        {
            new RoleExample(SelfLengthenPrompts.Generator(i), Short),
            new RoleExample(SelfLengthenPrompts.Extender(i, Short), Long),
            new RoleExample(SelfLengthenPrompts.Extender(i, head), Long),
        }).ToList());
        _folder.Write("train.jsonl", string.Join("\n", Train.Select(i => $$"""{"prompt": "{{i}}"}""")));
        _folder.Write("heldout.jsonl", string.Join("\n", Heldout.Select(i => $$"""{"prompt": "{{i}}"}""")));
        Result = TinyRuns.Run(_folder, """
            name: tiny-self-lengthen
            model:
              init: {arch: qwen2, preset: tiny, tokenizer: builtin, seed: 0}
            data:
              train: {path: train.jsonl}
              eval: {path: heldout.jsonl}
              warmup: {path: warmup.jsonl}
            rollout: {max_response_length: 64, temperature: 0, active_samples: 8, seed: 7}
            algorithm:
              name: self_lengthen
              self_lengthen: {iterations: 1, micro_rounds: 1, epochs: 1}
              sft: {warmup_steps: 80, warmup_batch_size: 6, warmup_lr: 0.01}
            learner: {lr: 0.003, batch_size: 2, backward: plain, seed: 3, lora: {enabled: true, rank: 4, alpha: 8, dropout: 0.0}}
            logging: {sinks: [jsonl]}
            """);
    }

    public RunResult Result { get; }

    public string Iteration(int k, string file) => Path.Combine(Result.Folder.Root, "iterations", k.ToString(), file);

    public void Dispose() => _folder.Dispose();
}

public sealed class SelfLengthenRunTests(SelfLengthenRunFixture run) : IClassFixture<SelfLengthenRunFixture>
{
    [Fact]
    public void AMacroIterationTrainsTheGeneratorOnExtendedTextsAndTheExtenderOnDroppedOutInitialTexts()
    {
        var samples = Lines(run.Iteration(1, SelfLengthenIteration.SamplesFile));
        Assert.NotEmpty(samples);
        foreach (var s in samples)
        {
            Assert.Equal(SelfLengthenRunFixture.Short, (string)s["initial"]!);
            Assert.Equal((int)s["extended_words"]! > 1.2 * (int)s["initial_words"]!, (bool)s["accepted"]!);
            Assert.True(!(bool)s["kept"]! || (bool)s["accepted"]!, "drop_short keeps only accepted samples");
        }
        var kept = samples.Where(s => (bool)s["kept"]!).ToList();
        Assert.NotEmpty(kept);
        // The Extender, greedy, expands the first half "A cat sat." as it learned; its first two thirds start the final text.
        Assert.All(kept, s => Assert.StartsWith("A cat sat on a mat.", (string)s["extended"]!));

        var generator = Lines(run.Iteration(1, SelfLengthenIteration.GeneratorDataFile));
        var extender = Lines(run.Iteration(1, SelfLengthenIteration.ExtenderDataFile));
        Assert.Equal(kept.Count, generator.Count);
        Assert.Equal(kept.Count, extender.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var instruction = (string)kept[i]["instruction"]!;
            Assert.Equal(instruction, Content(generator[i], 0, "user"));
            Assert.Equal((string)kept[i]["extended"]!, Content(generator[i], 1, "assistant"));

            var prompt = Content(extender[i], 0, "user");
            var draft = prompt[(prompt.IndexOf("Draft:\n", StringComparison.Ordinal) + "Draft:\n".Length)..];
            Assert.Equal(SelfLengthenPrompts.Extender(instruction, draft)[0].Content, prompt);
            Assert.True(IsSubsequence(draft.Split('\n'), ((string)kept[i]["initial"]!).Split('\n')), $"'{draft}' is not a line dropout of the initial text");
            Assert.Equal((string)kept[i]["extended"]!, Content(extender[i], 1, "assistant"));
        }
    }

    [Fact]
    public void TheRunWritesItsLengthFiguresTheFinalDataSetAndTheModels()
    {
        var folder = run.Result.Folder;
        var summary = TinyRuns.Summary(run.Result);
        Assert.Equal("self_lengthen", (string)summary["algorithm"]!);
        var lengths = summary["mean_length_per_iteration"]!.AsArray().Select(l => (double)l!).ToList();
        Assert.Equal(2, lengths.Count);
        // Greedy, the warmed-up Generator writes its one short text to every held-out instruction.
        Assert.Equal(ExtensionSplit.WordCount(SelfLengthenRunFixture.Short), lengths[0]);

        var rows = File.ReadAllLines(folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject()).Where(r => (string)r["phase"]! == "self_lengthen").ToList();
        var row = Assert.Single(rows);
        Assert.Equal(1L, (long)row["step"]!);
        Assert.Equal(lengths[0], (double)row["mean_length_words_before"]!, 6);
        Assert.Equal(lengths[1], (double)row["mean_length_words_after"]!, 6);
        var iterations = summary["self_lengthen"]!["iterations"]!.AsArray();
        var tried = iterations.Sum(i => (int)i!["passed_check"]!);
        Assert.True(tried > 0);
        Assert.Equal(iterations.Sum(i => (int)i!["accepted"]!) / (double)tried, (double)summary["acceptance_rate"]!, 6);

        var dataset = Lines(Path.Combine(folder.Root, FinalDataset.FileName));
        Assert.Equal(iterations.Sum(i => (int)i!["kept"]!), dataset.Count);
        Assert.All(dataset, d => Assert.Equal(ExtensionSplit.WordCount((string)d["response"]!), (int)d["word_count"]!));
        Assert.All(dataset, d => Assert.Contains($"in about {FinalDataset.About((int)d["word_count"]!)} words", (string)d["instruction"]!));
        foreach (var role in new[] { "generator", "extender" })
        {
            Assert.True(File.Exists(Path.Combine(folder.Root, role, "adapter_config.json")), role);
            Assert.True(File.Exists(Path.Combine(folder.Root, role, "adapter_model.safetensors")), role);
        }
        Assert.True(File.Exists(Path.Combine(folder.FinalModel, "model.safetensors")));
    }

    static List<JsonObject> Lines(string path) => File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    static string Content(JsonObject line, int index, string role)
    {
        var message = line["messages"]![index]!;
        Assert.Equal(role, (string)message["role"]!);
        return (string)message["content"]!;
    }

    static bool IsSubsequence(IReadOnlyList<string> part, IReadOnlyList<string> whole)
    {
        var position = 0;
        foreach (var line in part.Where(l => l.Length > 0))
        {
            while (position < whole.Count && whole[position] != line) position++;
            if (position++ >= whole.Count) return false;
        }
        return true;
    }
}
