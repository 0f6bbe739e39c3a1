using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Policy;
using PostTrain.Actors.Segments;
using PostTrain.Core.Seeding;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Runtime;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Runs;
using PostTrain.Recipes.Video;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// GRPO (and DAPO, Dr.GRPO, UloRL) through the actors: rollout steps decode segments on the workers until a batch of
/// groups has finished, the learner takes one update on it, the new policy is published, and so on. Checkpoints hold
/// the rollout buffer (unfinished samples included), the groups not yet trained and the data position. With
/// <c>learner.lora</c> only LoRA adapters train; workers get the policy with them merged, and so does the saved model.
/// </summary>
public static class GrpoPipeline
{
    const string Job = "train";
    const string BufferFile = "rollout_buffer.bin";
    const string PendingFile = "pending_groups.bin";

    public static async Task<PipelineOutcome> RunAsync(RunContext c, string referenceDirectory, CancellationToken cancellation = default)
    {
        var recipe = c.Recipe;
        var settings = recipe.Rollout with
        {
            Rewards = RecipeRewards.Weights(recipe.Rewards),
            Sampling = recipe.Rollout.Sampling with { StopTokenIds = c.Encoder.StopTokenIds() },
        };
        using var reference = recipe.Algorithm.Grpo.Beta > 0 ? c.Policy.LoadReference(referenceDirectory) : null;
        await using var host = await PostTrainHost.StartAsync(o => o.RewardLimits = recipe.RewardLimits, recipe.Cluster.Id,
            services => RecipeRewards.Register(services, recipe.Rewards), recipe.Cluster.ToCluster());
        var serializer = host.Services.GetRequiredService<Serializer>();
        var adapters = recipe.Lora is { } lora ? AttachSeeded(c.Policy.Model, lora, recipe.Training.Seed) : null;
        var trainer = new GrpoTrainer(c.Policy.Model, reference, recipe.GrpoTrainer, adapters);
        var publisher = new PolicyPublisher(host.Grains, Job);
        var rollout = new SegmentRollout(host.Grains, Job, settings, c.Policy.Tokenizer, publisher);
        var buffer = host.Grains.GetGrain<IRolloutBufferGrain>(Job);
        // A cluster keeps grain state in Redis: a new run must not inherit an earlier run's buffer under the same id.
        if (c.ResumeFrom is null) await buffer.ImportAsync(new RolloutBufferState());
        await rollout.InitializeAsync();

        var state = c.StartState;
        var pending = new List<TrainingGroup>();
        if (c.ResumeFrom is { } checkpoint)
        {
            state = CheckpointStore.Restore(checkpoint, c.Policy.Trainable(), trainer.Loop.Optimizer, adapters);
            await buffer.ImportAsync(serializer.Deserialize<RolloutBufferState>(await File.ReadAllBytesAsync(Path.Combine(checkpoint, BufferFile), cancellation))
                                     ?? throw new InvalidDataException($"{checkpoint}: empty {BufferFile}"));
            pending.AddRange(serializer.Deserialize<TrainingGroup[]>(await File.ReadAllBytesAsync(Path.Combine(checkpoint, PendingFile), cancellation)) ?? []);
        }
        await publisher.PublishAsync(c.Policy.Model, trainer.Loop.Step);
        var videos = c.Policy.Videos is { } prompts
            ? new VideoRollouts(host.Grains, Job, prompts, settings.VideoCache, referencePrefill: reference is not null)
            : null;
        videos?.PublishEncoder();
        var trainPrompts = c.Data.TrainPrompts();
        var feed = new PromptFeed(trainPrompts, recipe.Data.Shuffle, recipe.Training.Seed, state.PromptsTaken, videos is null ? null : videos.InputOf);
        if (videos is not null) await videos.RegisterAsync(trainPrompts);
        var guards = new RunGuards(recipe.Guards) { Counters = state.Guards };
        var averaged = recipe.RewardComposition == RewardCompositionKind.AveragedAdvantages
            ? new AveragedAdvantages(settings.Rewards, settings.GroupSize, recipe.Algorithm.Grpo.ScaleRewards, settings.Truncation)
            : null;

        async Task SaveAsync(double loss)
        {
            var exported = serializer.SerializeToArray(await buffer.ExportAsync());
            var groups = serializer.SerializeToArray(pending.ToArray());
            c.Checkpoints.Save(c.Policy.Trainable(), trainer.Loop.Optimizer, recipe.Training.Seed, loss, state, adapters, writeExtra: folder =>
            {
                File.WriteAllBytes(Path.Combine(folder, BufferFile), exported);
                File.WriteAllBytes(Path.Combine(folder, PendingFile), groups);
            });
        }

        if (c.ResumeFrom is null) await SaveAsync(0); // step 0: a resume after the warm-up starts here
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        var total = recipe.Training.TotalSteps;
        var groupsPerUpdate = GroupsPerUpdate(recipe.BatchSize, settings.GroupSize, recipe.Training.GradientAccumulation);
        while (trainer.Loop.Step < total)
        {
            cancellation.ThrowIfCancellationRequested();
            var step = trainer.Loop.Step + 1;
            if (recipe.Schedule.At(settings, step) is var staged && staged != rollout.Settings) await rollout.ReconfigureAsync(staged);
            var rolloutWatch = Stopwatch.StartNew();
            var steps = new List<RolloutStepResult>();
            for (var r = 0; r < 2 * rollout.Settings.Segments + 2 && pending.Count < groupsPerUpdate; r++)
            {
                var snapshot = await rollout.SnapshotAsync();
                // Enough for the new groups a step admits and for its standby groups; lengths change, sizes do not.
                var wanted = (settings.ActiveSamples + rollout.Settings.StandbySamples + settings.GroupSize - 1) / settings.GroupSize;
                if (snapshot.WaitingPrompts < wanted) await rollout.AddPromptsAsync(feed.Take(wanted - snapshot.WaitingPrompts));
                var result = await rollout.RunStepAsync(state.RolloutSteps, cancellation);
                state = state with { RolloutSteps = state.RolloutSteps + 1, PromptsTaken = feed.Taken };
                steps.Add(result);
                pending.AddRange(result.Report.Groups);
            }
            var take = Math.Min(pending.Count, groupsPerUpdate) / Quantum(settings.GroupSize, recipe.Training.GradientAccumulation)
                       * Quantum(settings.GroupSize, recipe.Training.GradientAccumulation);
            var groups = pending.Take(take).ToList();
            pending.RemoveRange(0, take);
            var rolloutSeconds = rolloutWatch.Elapsed.TotalSeconds;
            var metrics = GrpoBatch.Metrics(groups, steps, recipe.Evaluation.PassThreshold);
            guards.AfterRolloutStep(step, metrics["truncation_ratio"], metrics["zero_variance_ratio"], metrics["reward_failure_ratio"]);
            var tokens = steps.Sum(s => s.BusySlotSteps);
            state = state with { Guards = guards.Counters, TokensGenerated = state.TokensGenerated + tokens, RolloutSeconds = state.RolloutSeconds + rolloutSeconds };
            if (groups.Count == 0) continue; // nothing finished (or all dropped) yet: roll out further

            var learnerWatch = Stopwatch.StartNew();
            var statistics = new GrpoStatistics();
            var groupVideos = videos is null ? null : await videos.ForLearnerAsync(groups);
            var update = RunGuards.Update(step, () => trainer.Step(GrpoBatch.Samples(groups, recipe.Algorithm.Grpo.ImportanceSampling, averaged, groupVideos), statistics));
            await publisher.PublishAsync(c.Policy.Model, trainer.Loop.Step);
            NativeHeap.Trim(); // the update's activations, freed on whichever thread ran it
            var learnerSeconds = learnerWatch.Elapsed.TotalSeconds;
            state = state with { Step = step, LearnerSeconds = state.LearnerSeconds + learnerSeconds };

            metrics["max_response_length"] = rollout.Settings.MaxResponseLength;
            metrics["segments"] = rollout.Settings.Segments;
            metrics["loss"] = update.Loss;
            metrics["grad_norm"] = update.GradientNorm;
            metrics["lr"] = update.LearningRate;
            metrics["entropy"] = statistics.Entropy;
            metrics["kl"] = statistics.Kl;
            metrics["clip_fraction"] = statistics.ClipFraction;
            metrics["tokens_per_second"] = rolloutSeconds > 0 ? tokens / rolloutSeconds : 0;
            metrics["rollout_seconds"] = rolloutSeconds;
            metrics["segments_retried"] = steps.Sum(s => s.SegmentsRetried);
            metrics["learner_seconds"] = learnerSeconds;
            last = metrics;
            if (c.LogDue(step)) c.Metrics.Write("grpo", step, metrics);
            c.Progress("grpo", step, total, [("rollouts", $"{state.RolloutSteps}"), ("reward", $"{metrics["reward_mean"]:0.###}"),
                ("acc", $"{100 * metrics["accuracy"]:0.#}%"), ("tok/s", $"{metrics["tokens_per_second"]:0}")]);
            if (c.EvaluationDue(step)) await EvaluateAsync(c, step, adapters);
            if (c.CheckpointDue(step)) await SaveAsync(update.Loss);
            if (c.StopRequested(step))
            {
                adapters?.MergeAndDetach();
                return new PipelineOutcome(step, last, Totals(state)) { Samples = await rollout.SnapshotAsync(), Interrupted = true };
            }
        }
        adapters?.MergeAndDetach();
        return new PipelineOutcome(trainer.Loop.Step, last, Totals(state)) { Samples = await rollout.SnapshotAsync() };
    }

    /// <summary>The adapters' A matrices are drawn from libtorch's generator: seeded, so a run repeats.</summary>
    static LoraAdapters AttachSeeded(Modeling.Architecture.CausalLanguageModel model, LoraOptions lora, long seed)
    {
        TorchSharp.torch.random.manual_seed(StableSeed.Of(seed, 0x6A0A));
        return LoraAdapters.Attach(model, lora);
    }

    /// <summary>Evaluates with the adapters' dropout off, as the workers' merged copy decodes.</summary>
    static async Task EvaluateAsync(RunContext c, long step, LoraAdapters? adapters)
    {
        if (adapters is not null) adapters.Training = false;
        try
        {
            await c.EvaluateAsync(step);
        }
        finally
        {
            if (adapters is not null) adapters.Training = true;
        }
    }

    static RunStateTotals Totals(RunState state) => new(state.TokensGenerated, state.RolloutSeconds, state.LearnerSeconds);

    /// <summary>Groups per update: at least one quantum, rounded down to a whole number of quanta.</summary>
    static int GroupsPerUpdate(int batchSize, int groupSize, int accumulation)
    {
        var quantum = Quantum(groupSize, accumulation);
        return Math.Max(quantum, batchSize / quantum * quantum);
    }

    /// <summary>The fewest groups whose samples split evenly into the accumulation's micro-batches.</summary>
    static int Quantum(int groupSize, int accumulation)
    {
        var groups = 1;
        while (groups * groupSize % accumulation != 0) groups++;
        return groups;
    }
}
