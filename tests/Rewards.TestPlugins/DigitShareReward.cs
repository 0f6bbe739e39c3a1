using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.TestPlugins;

/// <summary>
/// The share of a completion's characters that are digits: a reward a random-initialised model can learn in a few
/// GRPO steps (the end-to-end pipeline tests use it to see held-out reward rise).
/// </summary>
public sealed class DigitShareReward : IRewardFunction
{
    public string Name => "digit_share";

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch
            .Select(input => new RewardOutput(input.Completion.Length == 0 ? 0 : input.Completion.Count(char.IsAsciiDigit) / (double)input.Completion.Length))
            .ToArray());
}
