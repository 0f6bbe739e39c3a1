using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Runs;

namespace PostTrain.Recipes.Pipelines;

/// <summary>Everything a pipeline works with: the recipe, its run folder, the policy, data, metrics, checkpoints.</summary>
public sealed class RunContext
{
    public required Recipe Recipe { get; init; }
    public required RunOptions Options { get; init; }
    public required RunFolder Folder { get; init; }
    public required Policy Policy { get; init; }
    public required ChatEncoder Encoder { get; init; }
    public required RecipeData Data { get; init; }
    public required MetricsLog Metrics { get; init; }
    public required CheckpointStore Checkpoints { get; init; }
    public required Action<string, long, long, IReadOnlyList<(string Name, string Value)>> Progress { get; init; }
    public required TextWriter Output { get; init; }

    /// <summary>The checkpoint being resumed from, or null for a fresh run.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Held-out evaluation of the current policy (null without <c>data.eval</c>); logs an <c>eval</c> row.</summary>
    public required Func<long, Task<EvaluationResult?>> EvaluateAsync { get; init; }

    /// <summary>The state a fresh run starts from (held-out figures before training), or a resumed run's.</summary>
    public required RunState StartState { get; set; }

    public bool EvaluationDue(long step) => Recipe.Evaluation.Every > 0 && step % Recipe.Evaluation.Every == 0 && step < Recipe.Training.TotalSteps;

    public bool CheckpointDue(long step) => Recipe.Checkpoints.Every > 0 && step % Recipe.Checkpoints.Every == 0 || step == Recipe.Training.TotalSteps;

    /// <summary>Metrics rows every <c>logging.every</c> updates, and always at the first and the last.</summary>
    public bool LogDue(long step) => step % Recipe.Logging.Every == 0 || step == 1 || step == Recipe.Training.TotalSteps;

    public bool StopRequested(long step) => Options.StopAfterStep is { } stop && step >= stop;
}
