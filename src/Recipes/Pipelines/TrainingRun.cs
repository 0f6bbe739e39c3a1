using System.Diagnostics;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Metrics;
using PostTrain.Recipes.Output;
using PostTrain.Recipes.Runs;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// <c>posttrain train</c>: checks the run folder, writes the resolved recipe, loads (or creates) the policy, warms it up
/// with SFT when asked, evaluates it, runs the recipe's algorithm, evaluates again, and leaves the final model and
/// <c>summary.json</c>. With <see cref="RunOptions.Resume"/> it continues from the newest checkpoint instead.
/// </summary>
public static class TrainingRun
{
    public static async Task<RunResult> RunAsync(Recipe recipe, RunOptions options, TextWriter output, CancellationToken cancellation = default)
    {
        try
        {
            return await RunCoreAsync(recipe, options, output, cancellation);
        }
        catch (RewardFailureException e)
        {
            throw new RunStoppedException($"run stopped: {e.Message} (reward_limits.max_consecutive_failures)", e);
        }
    }

    static async Task<RunResult> RunCoreAsync(Recipe recipe, RunOptions options, TextWriter output, CancellationToken cancellation)
    {
        var progress = ProgressDisplay.Create(output, options.Interactive);
        RefuseWhatIsNotBuiltYet(recipe);
        if (recipe.Cluster.ToCluster() is { } cluster) await cluster.Redis.EnsureReachableAsync(); // before any work, not after the warm-up
        var wall = Stopwatch.StartNew();
        var folder = new RunFolder(options.Out ?? RunFolder.DefaultRoot(recipe), recipe);
        var checkpoints = new CheckpointStore(folder.Checkpoints, recipe.Checkpoints.Keep);
        var (resumeFrom, resumed) = ResumePoint(recipe, folder, checkpoints, options.Resume);
        Directory.CreateDirectory(folder.Root);
        AtomicFile.WriteText(folder.ResolvedRecipe, ResolvedWriter.Yaml(recipe.Resolved));
        if (resumed is not null) MetricsLog.TruncateAfter(folder.Metrics, resumed.Step, keepPhases: ["warmup", RewardModelPipeline.StagePhase]);

        using var policy = Policy.Load(recipe, folder.BaseModel);
        var encoder = new ChatEncoder(policy.Tokenizer);
        var data = new RecipeData(recipe.Data, encoder, policy.Videos);
        var sinks = recipe.Logging.Sinks;
        using var metrics = new MetricsLog(folder.Metrics, sinks.Contains("console") ? output : null, redraw: options.Interactive);
        using var tensorboard = sinks.Contains("tensorboard") ? RunSinks.TensorBoard(folder, metrics) : null;
        RewardScorer? scorer = null;
        IReadOnlyList<RlPrompt>? evalPrompts = null;

        async Task<EvaluationResult?> Evaluate(long step)
        {
            if (scorer is null) return null;
            var result = await Evaluator.RunAsync(policy.Model, policy.Tokenizer, evalPrompts!, scorer, EvaluationOptionsFor(recipe, encoder), cancellation, policy.Videos);
            metrics.Write("eval", step, result.Metrics());
            return result;
        }

        RunContext Context(Recipe current) => new()
        {
            Recipe = current, Options = options, Folder = folder, Policy = policy, Encoder = encoder, Data = data, Metrics = metrics,
            Checkpoints = checkpoints, Progress = progress.Update, Output = output, ResumeFrom = resumeFrom,
            EvaluateAsync = Evaluate, StartState = resumed ?? new RunState(),
        };
        if (recipe.RewardModelStage is { } stage)
        {
            recipe = RewardModelPipeline.RunStage(Context(recipe), stage, folder.RewardModel);
            progress.Complete(RewardModelPipeline.StagePhase);
        }
        evalPrompts = recipe.Algorithm.Kind != AlgorithmKind.Rm && recipe.Rewards.Count > 0 ? data.EvalPrompts() : null;
        await using var scorerLifetime = scorer = evalPrompts is null ? null : new RewardScorer(recipe.Rewards, recipe.RewardLimits);
        var context = Context(recipe);
        var reference = policy.SourceDirectory;
        if (recipe.Algorithm.SftWarmupSteps > 0)
        {
            if (resumeFrom is null)
            {
                if (recipe.Algorithm.Kind == AlgorithmKind.SelfLengthen) SelfLengthenPipeline.Warmup(context);
                else SftPipeline.Warmup(context);
                progress.Complete("warmup");
                policy.SaveTo(folder.WarmupModel);
            }
            reference = folder.WarmupModel;
        }
        if (resumeFrom is null) context.StartState = new RunState { HeldoutBefore = options.EvaluateBefore ? await Evaluate(0) : null };
        var before = context.StartState.HeldoutBefore;

        var outcome = recipe.Algorithm.Kind switch
        {
            AlgorithmKind.Grpo => await GrpoPipeline.RunAsync(context, reference, cancellation),
            AlgorithmKind.Sft => SftPipeline.Run(context),
            AlgorithmKind.Dpo => await DpoPipeline.RunAsync(context, reference),
            AlgorithmKind.SelfLengthen => SelfLengthenPipeline.Run(context),
            _ => RewardModelPipeline.Run(context, folder.FinalModel),
        };
        progress.Complete(recipe.Resolved.Get<string>("algorithm.name"));
        EvaluationResult? after = null;
        if (!outcome.Interrupted)
        {
            after = await Evaluate(outcome.Steps);
            if (recipe.Algorithm.Kind != AlgorithmKind.Rm) policy.SaveTo(folder.FinalModel);
        }
        var summary = RunSummary.Build(recipe, folder, outcome, before, after, wall.Elapsed);
        RunSummary.Write(folder, summary);
        if (File.Exists(folder.Metrics)) MetricsPlotter.Plot(Path.GetDirectoryName(folder.Metrics)!);
        return new RunResult(folder, outcome, before, after);
    }

    // Keys the schema already knows but no pipeline runs yet: refused before any work rather than silently ignored.
    static void RefuseWhatIsNotBuiltYet(Recipe recipe)
    {
        if (recipe.Cluster.Provider == ClusterProvider.Redis && recipe.Algorithm.Kind != AlgorithmKind.Grpo)
            throw new ArgumentException($"{recipe.File}: cluster.provider: 'redis' applies to algorithm grpo (rollouts on the cluster's workers); " +
                                        $"{recipe.Resolved.Get<string>("algorithm.name")} runs in this process: use 'localhost'");
    }

    static (string? Checkpoint, RunState? State) ResumePoint(Recipe recipe, RunFolder folder, CheckpointStore checkpoints, bool resume)
    {
        if (!resume)
        {
            if (folder.HoldsRun)
                throw new IOException($"{folder.Root} already holds a run; pass --resume to continue it, or --out DIR to start a new one");
            return (null, null);
        }
        var latest = checkpoints.Latest ?? throw new RunStoppedException(
            $"--resume would run no step: {folder.Checkpoints} holds no checkpoint (start the run without --resume)");
        var state = CheckpointStore.ReadState(latest);
        if (state.Step >= recipe.Training.TotalSteps)
            throw new RunStoppedException($"--resume would run no step: the latest checkpoint ({latest}) is at step {state.Step} " +
                                          $"of learner.total_steps {recipe.Training.TotalSteps}; raise it (--set learner.total_steps=N) to train further");
        return (latest, state);
    }

    public static EvaluationOptions EvaluationOptionsFor(Recipe recipe, ChatEncoder encoder) => new()
    {
        Samples = recipe.Evaluation.Samples,
        Temperature = recipe.Evaluation.Temperature,
        TopP = recipe.Evaluation.Temperature == 0 ? 1.0 : recipe.Rollout.Sampling.TopP,
        MaxResponseLength = recipe.Evaluation.MaxResponseLength,
        PassThreshold = recipe.Evaluation.PassThreshold,
        Seed = recipe.Rollout.Seed,
        StopTokenIds = encoder.StopTokenIds(),
    };
}

/// <summary>What <see cref="TrainingRun"/> leaves: the folder, the main pipeline's outcome and the held-out figures.</summary>
public sealed record RunResult(RunFolder Folder, PipelineOutcome Outcome, EvaluationResult? Before, EvaluationResult? After);
