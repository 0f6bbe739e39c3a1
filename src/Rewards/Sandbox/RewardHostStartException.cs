namespace PostTrain.Rewards.Sandbox;

/// <summary>The reward host did not come up: it exited, was killed, or did not say it was ready in time.</summary>
public sealed class RewardHostStartException(string message) : InvalidOperationException(message);
