using PostTrain.Rewards.Remote;
using PostTrain.Rewards.Sandbox;

namespace PostTrain.Recipes.Binding;

/// <summary>
/// One <c>rewards</c> entry: a built-in <see cref="Name"/>, a plug-in (<see cref="PluginPath"/> + <see cref="TypeName"/>)
/// or a remote judge (<see cref="Http"/>), with its weight. <see cref="Child"/> is set when it runs in a child process.
/// </summary>
public sealed record RewardEntry
{
    public string? Name { get; init; }
    public string? PluginPath { get; init; }
    public string? TypeName { get; init; }
    public HttpRewardOptions? Http { get; init; }
    public double Weight { get; init; } = 1.0;

    /// <summary><c>length</c>: L_max in words.</summary>
    public double? MaxLength { get; init; }

    /// <summary><c>reward_model</c>: the model folder; null until the recipe's reward_model stage has trained one.</summary>
    public string? ModelPath { get; init; }
    public RewardIsolation Isolation { get; init; }
    public ChildProcessRewardOptions? Child { get; init; }
}
