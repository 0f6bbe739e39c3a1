using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Sandbox;

/// <summary>The host's answer to one request: the results, or an error for the whole batch.</summary>
internal sealed record RewardHostReply(long Id, IReadOnlyList<RewardOutput>? Results, string? Error, bool OutOfMemory);
