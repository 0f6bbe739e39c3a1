using System.Diagnostics;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Reward-model training (Bradley-Terry) on preference pairs: the policy's decoder with a new scalar head, saved in
/// Hugging Face's sequence-classification layout; <c>data.eval</c> pairs give the held-out ranking accuracy.
/// </summary>
public static class RewardModelPipeline
{
    public static PipelineOutcome Run(RunContext c, string finalDirectory)
    {
        var recipe = c.Recipe;
        using var model = RewardModelFiles.Load(c.Policy.SourceDirectory, c.Policy.Model.Placement.Device, c.Policy.Model.Placement.DType,
            recipe.Training.Seed);
        var trainer = new RewardTrainer(model, recipe.Preference);
        var trainable = new TrainableWithTokenizer(new TrainableRewardModel(model), c.Policy.SourceDirectory);
        var state = c.StartState;
        if (c.ResumeFrom is { } checkpoint) state = CheckpointStore.Restore(checkpoint, trainable, trainer.Loop.Optimizer);
        var pairs = c.Data.Pairs(recipe.Data.Train);
        if (pairs.Count == 0) throw new ArgumentException($"{recipe.Data.Train.Path}: no usable preference pair");
        var heldout = recipe.Data.Eval is { } eval ? c.Data.Pairs(eval) : null;
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        var total = recipe.Training.TotalSteps;
        while (trainer.Loop.Step < total)
        {
            var step = trainer.Loop.Step + 1;
            var batch = PairBatches.At(pairs, trainer.Loop.Step, recipe.BatchSize, recipe.Training.Seed);
            var watch = Stopwatch.StartNew();
            var result = RunGuards.Update(step, () => trainer.Step(batch));
            var metrics = new Dictionary<string, double>
            {
                ["loss"] = result.Loss, ["grad_norm"] = result.GradientNorm, ["lr"] = result.LearningRate,
                ["accuracy"] = trainer.Accuracy(batch), ["learner_seconds"] = watch.Elapsed.TotalSeconds,
            };
            if (heldout is { Count: > 0 } && (c.EvaluationDue(step) || step == total)) metrics["heldout_accuracy"] = 100 * trainer.Accuracy(heldout);
            last = metrics;
            state = state with { Step = step };
            if (step % recipe.Logging.Every == 0 || step == total) c.Metrics.Write("rm", step, metrics);
            c.Progress("rm", step, total, [("loss", $"{result.Loss:0.###}"), ("acc", $"{100 * metrics["accuracy"]:0}%")]);
            if (c.CheckpointDue(step)) c.Checkpoints.Save(trainable, trainer.Loop.Optimizer, recipe.Training.Seed, result.Loss, state);
            if (c.StopRequested(step)) return new PipelineOutcome(step, last, new RunStateTotals(0, 0, 0)) { Interrupted = true };
        }
        AtomicFolder.Write(finalDirectory, trainable.Save);
        return new PipelineOutcome(trainer.Loop.Step, last, new RunStateTotals(0, 0, 0));
    }
}
