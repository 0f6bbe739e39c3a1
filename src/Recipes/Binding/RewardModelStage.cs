namespace PostTrain.Recipes.Binding;

/// <summary>
/// <c>reward_model</c>: the stage that trains the quality reward model (LongWriter-Zero) on preference pairs, from the
/// policy's starting weights, before the policy trains; <c>rewards: [{name: reward_model}]</c> then scores with it.
/// </summary>
public sealed record RewardModelStage(DataSource Data, DataSource? Eval, int Steps, double LearningRate, int BatchSize);
