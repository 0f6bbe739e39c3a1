using PostTrain.Recipes.Evaluation;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// What a checkpoint holds besides weights and optimizer moments, as <c>run_state.json</c>: where the data and the
/// rollout stand, the guards' streaks, the held-out figures before training and the totals so far.
/// </summary>
public sealed record RunState
{
    public long Step { get; init; }

    /// <summary>Prompts handed to the rollout buffer so far (the data position).</summary>
    public long PromptsTaken { get; init; }

    /// <summary>Rollout steps run so far (they number the buffer's steps).</summary>
    public long RolloutSteps { get; init; }

    public GuardCounters Guards { get; init; } = new(0, 0);
    public EvaluationResult? HeldoutBefore { get; init; }
    public long TokensGenerated { get; init; }
    public double RolloutSeconds { get; init; }
    public double LearnerSeconds { get; init; }
}
