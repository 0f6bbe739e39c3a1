using PostTrain.Core.Rewards;
using PostTrain.Rewards;

namespace PostTrain.Samples.RewardPlugin;

/// <summary>
/// Scores the share of the ground truth's comma-separated keywords that the completion mentions. Load it with
/// assembly <c>PostTrain.Samples.RewardPlugin.dll</c> and type <c>PostTrain.Samples.RewardPlugin.KeywordReward</c>.
/// </summary>
public sealed class KeywordReward : IRewardFunction
{
    public string Name => "keywords";

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(Score).ToArray());

    static RewardOutput Score(RewardInput input)
    {
        if (string.IsNullOrWhiteSpace(input.GroundTruth)) return RewardOutput.Failure("no keywords in ground_truth");
        var keywords = input.GroundTruth.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var found = keywords.Count(k => input.Completion.Contains(k, StringComparison.OrdinalIgnoreCase));
        return new RewardOutput((double)found / keywords.Length);
    }
}
