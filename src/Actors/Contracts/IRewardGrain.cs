namespace PostTrain.Actors.Contracts;

/// <summary>
/// Scores finished samples with one registered reward (keyed by its name) through the rewards layer's isolation:
/// a per-sample time limit, failures marked per sample, and a stop after too many in a row.
/// </summary>
public interface IRewardGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:10:00")]
    Task<RewardRecord[]> ScoreAsync(RewardRequest[] requests);
}
