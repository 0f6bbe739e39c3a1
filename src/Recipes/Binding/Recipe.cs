using PostTrain.Actors.Contracts;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Training;
using PostTrain.Recipes.Validation;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Recipes.Binding;

/// <summary>
/// A validated recipe, bound to the options types the layers below take. <see cref="Resolved"/> keeps every key's
/// effective value, for printing and for keys no options type holds.
/// </summary>
public sealed record Recipe
{
    public required string File { get; init; }
    public string? Name { get; init; }
    public required ModelSpec Model { get; init; }
    public required TokenizerSpec Tokenizer { get; init; }
    public required DataSpec Data { get; init; }
    public required RolloutSettings Rollout { get; init; }

    /// <summary><c>rollout.schedule</c>: how <see cref="Rollout"/>'s lengths change over updates.</summary>
    public LengthSchedule Schedule { get; init; } = LengthSchedule.None;
    public required AlgorithmSpec Algorithm { get; init; }

    /// <summary>Optimiser, schedule, backward mode, memory budget, steps, clipping and checkpoint cadence.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>Null when <c>learner.lora.enabled</c> is false (full fine-tuning).</summary>
    public LoraOptions? Lora { get; init; }

    /// <summary>Prompts (grpo), pairs (dpo, rm) or sequences (sft) per update.</summary>
    public required int BatchSize { get; init; }

    public required IReadOnlyList<RewardEntry> Rewards { get; init; }
    public required RewardCompositionKind RewardComposition { get; init; }

    /// <summary><c>reward_model</c>: a stage that trains the quality reward model first; null when the recipe has none.</summary>
    public RewardModelStage? RewardModelStage { get; init; }
    public required RewardLimits RewardLimits { get; init; }
    public required EvaluationSpec Evaluation { get; init; }
    public required GuardSpec Guards { get; init; }
    public required ClusterSpec Cluster { get; init; }
    public required LoggingSpec Logging { get; init; }
    public required CheckpointSpec Checkpoints { get; init; }
    public required ResolvedRecipe Resolved { get; init; }

    public GrpoTrainerOptions GrpoTrainer => new() { Training = Training, Grpo = Algorithm.Grpo, GroupSize = Rollout.GroupSize };

    public PreferenceOptions Preference => new() { Training = Training, BatchSize = BatchSize, Dpo = Algorithm.Dpo };

    public SftOptions Sft => Algorithm.Sft with { Training = Training, BatchSize = BatchSize, Lora = Lora };
}
