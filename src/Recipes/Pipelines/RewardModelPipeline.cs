using System.Diagnostics;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Reward-model training (Bradley-Terry) on preference pairs: the policy's decoder with a new scalar head, saved in
/// Hugging Face's sequence-classification layout; held-out pairs give the ranking accuracy. It runs as a recipe's main
/// algorithm (<c>algorithm.name: rm</c>), or as the <c>reward_model</c> stage that trains the quality reward first.
/// </summary>
public static class RewardModelPipeline
{
    public const string StagePhase = "reward_model";

    public static PipelineOutcome Run(RunContext c, string finalDirectory) =>
        Train(c, c.Recipe.Data.Train, c.Recipe.Data.Eval, c.Recipe.Preference, "rm", finalDirectory, checkpoints: true);

    /// <summary>
    /// The <c>reward_model</c> stage: trains into <paramref name="directory"/> unless a previous attempt of this run
    /// already left a model there, and returns the recipe with its <c>reward_model</c> rewards pointing at it.
    /// </summary>
    public static Recipe RunStage(RunContext c, RewardModelStage stage, string directory)
    {
        if (!File.Exists(Path.Combine(directory, "config.json")))
        {
            var training = c.Recipe.Training with
            {
                TotalSteps = stage.Steps,
                Optimizer = c.Recipe.Training.Optimizer with { LearningRate = stage.LearningRate },
                SaveEvery = 0,
            };
            Train(c, stage.Data, stage.Eval, c.Recipe.Preference with { Training = training, BatchSize = stage.BatchSize }, StagePhase, directory,
                checkpoints: false);
        }
        return c.Recipe with
        {
            Rewards = c.Recipe.Rewards.Select(r => r.Name == "reward_model" && r.ModelPath is null ? r with { ModelPath = directory } : r).ToList(),
        };
    }

    static PipelineOutcome Train(RunContext c, DataSource data, DataSource? eval, PreferenceOptions options, string phase, string finalDirectory,
        bool checkpoints)
    {
        var recipe = c.Recipe;
        using var model = RewardModelFiles.Load(c.Policy.SourceDirectory, c.Policy.Model.Placement.Device, c.Policy.Model.Placement.DType,
            recipe.Training.Seed);
        var trainer = new RewardTrainer(model, options);
        var trainable = new TrainableWithTokenizer(new TrainableRewardModel(model), c.Policy.SourceDirectory);
        var state = c.StartState;
        if (checkpoints && c.ResumeFrom is { } checkpoint) state = CheckpointStore.Restore(checkpoint, trainable, trainer.Loop.Optimizer);
        var pairs = c.Data.Pairs(data);
        if (pairs.Count == 0) throw new ArgumentException($"{data.Path ?? data.Task}: no usable preference pair");
        var heldout = eval is not null ? c.Data.Pairs(eval) : null;
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        var total = options.Training.TotalSteps;
        while (trainer.Loop.Step < total)
        {
            var step = trainer.Loop.Step + 1;
            var batch = PairBatches.At(pairs, trainer.Loop.Step, options.BatchSize, recipe.Training.Seed);
            var watch = Stopwatch.StartNew();
            var result = RunGuards.Update(step, () => trainer.Step(batch));
            var metrics = new Dictionary<string, double>
            {
                ["loss"] = result.Loss, ["grad_norm"] = result.GradientNorm, ["lr"] = result.LearningRate,
                ["accuracy"] = trainer.Accuracy(batch), ["learner_seconds"] = watch.Elapsed.TotalSeconds,
            };
            var evaluate = checkpoints && c.EvaluationDue(step);
            if (heldout is { Count: > 0 } && (evaluate || step == total)) metrics["heldout_accuracy"] = 100 * trainer.Accuracy(heldout);
            last = metrics;
            state = state with { Step = step };
            if (step % recipe.Logging.Every == 0 || step == total) c.Metrics.Write(phase, step, metrics);
            c.Progress(phase, step, total, [("loss", $"{result.Loss:0.###}"), ("acc", $"{100 * metrics["accuracy"]:0}%")]);
            if (!checkpoints) continue;
            if (c.CheckpointDue(step)) c.Checkpoints.Save(trainable, trainer.Loop.Optimizer, recipe.Training.Seed, result.Loss, state);
            if (c.StopRequested(step)) return new PipelineOutcome(step, last, new RunStateTotals(0, 0, 0)) { Interrupted = true };
        }
        AtomicFolder.Write(finalDirectory, trainable.Save);
        return new PipelineOutcome(trainer.Loop.Step, last, new RunStateTotals(0, 0, 0));
    }
}
