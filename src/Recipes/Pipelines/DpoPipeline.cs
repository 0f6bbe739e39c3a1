using System.Diagnostics;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Training;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// DPO (or IPO) against a frozen copy of the starting policy: on a pairs file (<c>prompt</c>/<c>chosen</c>/<c>rejected</c>),
/// or online (<c>algorithm.dpo.online</c>) on pairs made each update from the policy's samples and the recipe's rewards.
/// </summary>
public static class DpoPipeline
{
    public static async Task<PipelineOutcome> RunAsync(RunContext c, string referenceDirectory)
    {
        var recipe = c.Recipe;
        using var reference = c.Policy.LoadReference(referenceDirectory);
        var trainer = new DpoTrainer(c.Policy.Model, reference, recipe.Preference);
        var state = c.StartState;
        if (c.ResumeFrom is { } checkpoint) state = CheckpointStore.Restore(checkpoint, c.Policy.Trainable(), trainer.Loop.Optimizer);
        var online = recipe.Algorithm.DpoOnline;
        var pairs = online ? null : c.Data.Pairs(recipe.Data.Train);
        if (pairs is { Count: 0 }) throw new ArgumentException($"{recipe.Data.Train.Path}: no usable preference pair");
        await using var scorer = online ? new RewardScorer(recipe.Rewards, recipe.RewardLimits) : null;
        var feed = online ? new PromptFeed(c.Data.TrainPrompts(), recipe.Data.Shuffle, recipe.Training.Seed, state.PromptsTaken) : null;
        var guards = new RunGuards(recipe.Guards) { Counters = state.Guards };
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        var total = recipe.Training.TotalSteps;
        while (trainer.Loop.Step < total)
        {
            var step = trainer.Loop.Step + 1;
            var metrics = new Dictionary<string, double>();
            IReadOnlyList<PreferencePair> batch;
            if (online)
            {
                var prompts = feed!.Take(recipe.BatchSize).Select(p => new RlPrompt(p.Id, p.PromptIds, p.PromptText, p.GroundTruth, p.Metadata)).ToList();
                var made = await new OnlinePairs(c, scorer!).MakeAsync(prompts, step);
                metrics["reward_mean"] = made.RewardMean;
                foreach (var (name, value) in made.Rewards) metrics[name] = value;
                metrics["pairs"] = made.Pairs.Count;
                state = state with { PromptsTaken = feed.Taken };
                batch = Trim(made.Pairs, recipe.Training.GradientAccumulation);
                // A batch whose answers all scored alike gives no pair: the zero-variance guard stops a run stuck there.
                guards.AfterRolloutStep(step, 0, batch.Count == 0 ? 1 : 0, 0);
                state = state with { Guards = guards.Counters };
                if (batch.Count == 0) continue;
            }
            else batch = PairBatches.At(pairs!, trainer.Loop.Step, recipe.BatchSize, recipe.Training.Seed);

            var watch = Stopwatch.StartNew();
            var result = RunGuards.Update(step, () => trainer.Step(batch));
            metrics["loss"] = result.Loss;
            metrics["grad_norm"] = result.GradientNorm;
            metrics["lr"] = result.LearningRate;
            metrics["learner_seconds"] = watch.Elapsed.TotalSeconds;
            last = metrics;
            state = state with { Step = step };
            if (c.LogDue(step)) c.Metrics.Write("dpo", step, metrics);
            c.Progress("dpo", step, total, [("loss", $"{result.Loss:0.###}")]);
            if (c.EvaluationDue(step)) await c.EvaluateAsync(step);
            if (c.CheckpointDue(step)) c.Checkpoints.Save(c.Policy.Trainable(), trainer.Loop.Optimizer, recipe.Training.Seed, result.Loss, state);
            if (c.StopRequested(step)) return new PipelineOutcome(step, last, new RunStateTotals(0, 0, 0)) { Interrupted = true };
        }
        return new PipelineOutcome(trainer.Loop.Step, last, new RunStateTotals(0, 0, 0));
    }

    static IReadOnlyList<PreferencePair> Trim(IReadOnlyList<PreferencePair> pairs, int accumulation) =>
        pairs.Take(pairs.Count / accumulation * accumulation).ToList();
}
