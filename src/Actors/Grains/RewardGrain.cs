using Microsoft.Extensions.Options;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Core.Rewards;
using PostTrain.Rewards;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Actors.Grains;

/// <summary>Scores samples with the reward registered under this grain's key, guarded by the silo's reward limits.</summary>
public sealed class RewardGrain(RewardRegistry registry, IOptions<PostTrainActorsOptions> options) : Grain, IRewardGrain
{
    GuardedReward? _reward;

    public async Task<RewardRecord[]> ScoreAsync(RewardRequest[] requests)
    {
        _reward ??= new GuardedReward(registry.Resolve(this.GetPrimaryKeyString()), options.Value.RewardLimits);
        var inputs = requests.Select(r => new RewardInput(r.Prompt, r.Completion)
        {
            CompletionIds = r.CompletionIds,
            GroundTruth = r.GroundTruth,
            Metadata = r.Metadata,
        }).ToList();
        var outputs = await _reward.ScoreAsync(inputs, CancellationToken.None);
        return requests.Zip(outputs, (request, output) => new RewardRecord
        {
            SampleId = request.SampleId,
            Score = output.Score,
            SubScores = output.SubScores.ToDictionary(),
            Error = output.Error,
        }).ToArray();
    }
}
