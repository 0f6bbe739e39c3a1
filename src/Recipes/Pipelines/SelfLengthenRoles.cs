using System.Diagnostics;
using PostTrain.Core.Seeding;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Training;
using PostTrain.Recipes.LongGeneration;
using PostTrain.Recipes.Runs;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Self-Lengthen's two roles on the policy model: the Generator's and the Extender's LoRA adapter sets, one active at a
/// time. Writing uses the active set with its dropout off; training is LoRA SFT on that set alone.
/// </summary>
public sealed class SelfLengthenRoles
{
    public const string Generator = "generator";
    public const string Extender = "extender";

    readonly RunContext _c;

    public SelfLengthenRoles(RunContext c, LoraOptions lora)
    {
        _c = c;
        // The adapters' A matrices are drawn from libtorch's generator: seeded, so a run repeats.
        random.manual_seed(StableSeed.Of(c.Recipe.Training.Seed, 0x5E1F));
        Bank = LoraAdapterBank.Create(c.Policy.Model, lora, [Generator, Extender]);
        Writer = new RoleWriter(c.Policy.Model, c.Encoder, c.Recipe.Rollout.Sampling, c.Recipe.Rollout.MaxResponseLength, c.Recipe.Rollout.ActiveSamples);
    }

    public LoraAdapterBank Bank { get; }
    public RoleWriter Writer { get; }
    public long TokensGenerated { get; private set; }
    public double WritingSeconds { get; private set; }
    public double TrainingSeconds { get; private set; }

    /// <summary>Makes <paramref name="role"/> the active set, ready to write (adapter dropout off).</summary>
    public RoleWriter Use(string role)
    {
        Bank.Activate(role).Training = false;
        return Writer;
    }

    public IReadOnlyList<WrittenText> Write(string role, IReadOnlyList<WritingRequest> requests)
    {
        var watch = Stopwatch.StartNew();
        var texts = Use(role).Write(requests);
        WritingSeconds += watch.Elapsed.TotalSeconds;
        TokensGenerated += texts.Sum(t => (long)t.Tokens);
        return texts;
    }

    public ExtensionRounds Extend(IReadOnlyList<(string Instruction, string Initial)> samples, int rounds, long seed)
    {
        var watch = Stopwatch.StartNew();
        var result = new ExtensionLoop(Use(Extender), rounds).Run(samples, seed);
        WritingSeconds += watch.Elapsed.TotalSeconds;
        return result;
    }

    /// <summary>
    /// LoRA SFT of <paramref name="role"/>'s set on <paramref name="examples"/> for the recipe's epochs; the learner's
    /// settings are the recipe's, the step count ceil(epochs x examples / batch). Returns the last update's loss.
    /// </summary>
    public (double Loss, int Steps) Train(string role, IReadOnlyList<RoleExample> examples, int iteration)
    {
        var recipe = _c.Recipe;
        var sequences = examples.Select(e => _c.Encoder.Sequence(e.Prompt, e.Answer)).ToList();
        var steps = (int)Math.Ceiling(recipe.Algorithm.SelfLengthen.Epochs * sequences.Count / (double)recipe.BatchSize);
        var set = Bank.Activate(role);
        set.Training = true;
        var trainer = new SftTrainer(_c.Policy.Model, recipe.Sft with
        {
            Lora = null,
            Training = recipe.Training with
            {
                TotalSteps = steps, SaveEvery = 0, OutputDirectory = null,
                Seed = StableSeed.Of(recipe.Training.Seed, iteration, role == Generator ? 1 : 2),
            },
        }, set);
        var watch = Stopwatch.StartNew();
        var loss = double.NaN;
        while (trainer.Loop.Step < steps)
        {
            var step = trainer.Loop.Step + 1;
            var batch = trainer.BatchAt(sequences, trainer.Loop.Step);
            loss = RunGuards.Update(step, () => trainer.Step(batch)).Loss;
        }
        set.Training = false;
        TrainingSeconds += watch.Elapsed.TotalSeconds;
        return (loss, steps);
    }
}
