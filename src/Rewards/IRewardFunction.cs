using PostTrain.Core.Rewards;

namespace PostTrain.Rewards;

/// <summary>
/// A reward: scores a batch of samples, asynchronously and cancellably, one output per input in order. A sample it
/// cannot score gets <see cref="RewardOutput.Failure"/>, never a silent zero.
/// </summary>
public interface IRewardFunction
{
    string Name { get; }

    Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation);
}
