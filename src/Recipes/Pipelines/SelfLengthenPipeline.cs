using PostTrain.Core.Seeding;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.LongGeneration;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Self-Lengthen (<c>algorithm.name: self_lengthen</c>; TECHNIQUES section 6): a Generator and an Extender, two LoRA
/// adapter sets on the warmed-up policy, lengthen the Generator's answers over macro-iterations. The Generator's mean
/// answer length (words) is measured on the same prompts with the same seeds before the first iteration and after each
/// one. Leaves <c>generator/</c> and <c>extender/</c> (PEFT adapters on <c>warmup-model/</c>), <c>final_dataset.jsonl</c>,
/// <c>iterations/N/</c>, and the Generator merged into the policy, which the run saves as <c>model/</c>.
/// </summary>
public static class SelfLengthenPipeline
{
    public const string Phase = "self_lengthen";

    /// <summary>
    /// The SFT warm-up for both roles: from a built-in task, its instructions with <see cref="SelfLengthenWarmup"/>'s
    /// texts (a Generator and an Extender example each); from a file, its conversations as they are.
    /// </summary>
    public static void Warmup(RunContext c)
    {
        var source = c.Recipe.Data.Warmup!;
        IReadOnlyList<TrainingSequence> data = source.Task is null
            ? c.Data.Sequences(source)
            : SelfLengthenWarmup.Examples(TaskInstructions(source), source.Seed).Select(e => c.Encoder.Sequence(e.Prompt, e.Answer)).ToList();
        SftPipeline.Warmup(c, data);
    }

    public static PipelineOutcome Run(RunContext c)
    {
        var recipe = c.Recipe;
        var options = recipe.Algorithm.SelfLengthen;
        SelfLengthenOptions.Validate(options);
        var lora = recipe.Lora ?? throw new ArgumentException($"{recipe.File}: algorithm self_lengthen trains two LoRA adapters; set learner.lora.enabled: true");
        var roles = new SelfLengthenRoles(c, lora);
        var instructions = c.Data.TrainPrompts().Select(p => p.PromptText).ToList();
        if (instructions.Count == 0) throw new ArgumentException($"{recipe.File}: data.train gave no instruction that fits data.max_prompt_length");
        var heldout = c.Data.EvalPrompts();
        var measured = heldout?.Select(p => p.PromptText).ToList() ?? instructions;
        var iteration = new SelfLengthenIteration(c, roles);

        var lengths = new List<double> { MeanWords(roles, measured, recipe.Rollout.Seed) };
        var reports = new List<IterationReport>();
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        for (var k = 1; k <= options.Iterations; k++)
        {
            c.Progress(Phase, k - 1, options.Iterations, [("mean_words", $"{lengths[^1]:0.#}")]);
            var report = iteration.Run(k, instructions);
            reports.Add(report);
            lengths.Add(MeanWords(roles, measured, recipe.Rollout.Seed));
            last = Row(report, lengths[^2], lengths[^1], roles);
            c.Metrics.Write(Phase, k, last);
        }
        c.Progress(Phase, options.Iterations, options.Iterations, [("mean_words", $"{lengths[^1]:0.#}")]);

        var adapterBase = Directory.Exists(c.Folder.WarmupModel) ? c.Folder.WarmupModel : c.Policy.SourceDirectory;
        foreach (var role in new[] { SelfLengthenRoles.Generator, SelfLengthenRoles.Extender })
            AtomicFolder.Write(Path.Combine(c.Folder.Root, role), staging => PeftAdapterFiles.Save(roles.Bank[role], staging, adapterBase));
        var dataset = Path.Combine(c.Folder.Root, FinalDataset.FileName);
        FinalDataset.Write(dataset, reports.SelectMany(r => r.Kept.Select(s => (r.Iteration, s))).ToList());
        // The policy becomes the Generator: its adapters merged into the base weights, saved by the run as model/.
        roles.Bank.Activate(SelfLengthenRoles.Generator).MergeAndDetach();

        return new PipelineOutcome(options.Iterations, last,
            new RunStateTotals(roles.TokensGenerated, roles.WritingSeconds, roles.TrainingSeconds))
        {
            Figures = SelfLengthenFigures.Build(lengths, reports, measured.Count, heldout is not null ? "data.eval" : "data.train", dataset),
        };
    }

    /// <summary>The Generator's mean answer length in words on <paramref name="prompts"/>, always with the same seeds.</summary>
    static double MeanWords(SelfLengthenRoles roles, IReadOnlyList<string> prompts, long seed)
    {
        var answers = roles.Write(SelfLengthenRoles.Generator, prompts
            .Select((p, i) => new WritingRequest(SelfLengthenPrompts.Generator(p), "", StableSeed.Of(seed, 0x3EA5, i))).ToList());
        return answers.Average(a => (double)ExtensionSplit.WordCount(a.Text));
    }

    static Dictionary<string, double> Row(IterationReport r, double before, double after, SelfLengthenRoles roles) => new()
    {
        ["mean_length_words_before"] = before,
        ["mean_length_words_after"] = after,
        ["growth"] = after / before,
        ["written"] = r.Written,
        ["passed_check"] = r.PassedCheck,
        ["accepted"] = r.Accepted,
        ["acceptance_rate"] = r.AcceptanceRate,
        ["kept"] = r.Kept.Count,
        ["rounds_tried"] = r.RoundsTried,
        ["rounds_accepted"] = r.RoundsAccepted,
        ["initial_length_words"] = r.InitialWordsMean,
        ["extended_length_words"] = r.AcceptedWordsMean,
        ["generator_loss"] = r.GeneratorLoss,
        ["generator_steps"] = r.GeneratorSteps,
        ["extender_loss"] = r.ExtenderLoss,
        ["extender_steps"] = r.ExtenderSteps,
        ["rollout_seconds"] = roles.WritingSeconds,
        ["learner_seconds"] = roles.TrainingSeconds,
    };

    static IReadOnlyList<string> TaskInstructions(Binding.DataSource source) =>
        BuiltinTasks.Generate(BuiltinTasks.For(source), source.Count, source.Seed)
            .Select(p => p.Prompt).ToList();
}
