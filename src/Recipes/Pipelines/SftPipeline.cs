using System.Diagnostics;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Training;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Supervised fine-tuning: the SFT warm-up before the main algorithm (full fine-tuning, no checkpoints: a resume after it
/// starts from the main algorithm's first checkpoint), and the <c>sft</c> algorithm itself (LoRA when enabled,
/// checkpointed, resumable; the data position is the step).
/// </summary>
public static class SftPipeline
{
    /// <param name="data">The warm-up's sequences; null = <c>data.warmup</c>'s.</param>
    public static void Warmup(RunContext c, IReadOnlyList<TrainingSequence>? data = null)
    {
        var recipe = c.Recipe;
        data ??= c.Data.Sequences(recipe.Data.Warmup!);
        // The policy's trainable parameters: a vision tower's too (the part warmup_vision names), which video prompts' embeddings train.
        var trainer = new SftTrainer(c.Policy.Model, recipe.Sft with
        {
            Lora = null,
            BatchSize = recipe.Algorithm.SftWarmupBatchSize ?? recipe.BatchSize,
            Training = recipe.Training with
            {
                TotalSteps = recipe.Algorithm.SftWarmupSteps,
                Optimizer = recipe.Training.Optimizer with { LearningRate = recipe.Algorithm.SftWarmupLearningRate ?? recipe.Training.Optimizer.LearningRate },
                SaveEvery = 0,
                Backward = recipe.Training.Backward with { Mode = recipe.Algorithm.SftWarmupBackward ?? recipe.Training.Backward.Mode },
            },
        }, c.Policy.Trainable(recipe.Algorithm.SftWarmupVision));
        Train(c, trainer, data, "warmup", checkpoint: null);
    }

    public static PipelineOutcome Run(RunContext c)
    {
        var recipe = c.Recipe;
        var trainer = new SftTrainer(c.Policy.Model, recipe.Sft);
        var state = c.StartState;
        if (c.ResumeFrom is { } checkpoint)
            state = CheckpointStore.Restore(checkpoint, c.Policy.Trainable(), trainer.Loop.Optimizer, trainer.Loop.Adapters);
        var data = c.Data.Sequences(recipe.Data.Train);
        var last = Train(c, trainer, data, "sft", step =>
        {
            state = state with { Step = step };
            c.Checkpoints.Save(c.Policy.Trainable(), trainer.Loop.Optimizer, recipe.Training.Seed, 0, state, trainer.Loop.Adapters);
        });
        if (trainer.Loop.Adapters is { } adapters) adapters.MergeAndDetach();
        return new PipelineOutcome(trainer.Loop.Step, last, new RunStateTotals(0, 0, 0)) { Interrupted = trainer.Loop.Step < recipe.Training.TotalSteps };
    }

    static IReadOnlyDictionary<string, double> Train(RunContext c, SftTrainer trainer, IReadOnlyList<TrainingSequence> data, string phase,
        Action<long>? checkpoint)
    {
        if (data.Count == 0) throw new ArgumentException($"the {phase} data set has no usable example");
        var total = trainer.Options.Training.TotalSteps;
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        while (trainer.Loop.Step < total)
        {
            var step = trainer.Loop.Step + 1;
            var batch = trainer.BatchAt(data, trainer.Loop.Step);
            var watch = Stopwatch.StartNew();
            var result = RunGuards.Update(step, () => trainer.Step(batch));
            var seconds = watch.Elapsed.TotalSeconds;
            last = new Dictionary<string, double>
            {
                ["loss"] = result.Loss, ["grad_norm"] = result.GradientNorm, ["lr"] = result.LearningRate,
                ["tokens_per_second"] = batch.Sum(s => s.Length) / Math.Max(seconds, 1e-9), ["learner_seconds"] = seconds,
            };
            if (step % c.Recipe.Logging.Every == 0 || step == total) c.Metrics.Write(phase, step, last);
            c.Progress(phase, step, total, [("loss", $"{result.Loss:0.###}")]);
            if (checkpoint is not null)
            {
                if (c.EvaluationDue(step)) c.EvaluateAsync(step).GetAwaiter().GetResult();
                if (c.CheckpointDue(step)) checkpoint(step);
                if (c.StopRequested(step)) break;
            }
        }
        return last;
    }
}
