using PostTrain.Core.Rewards;
using PostTrain.Rewards.Length;

namespace PostTrain.Rewards.Format;

/// <summary>
/// <c>answer_match</c>: 1 when the text inside <c>&lt;answer&gt;</c> (all of the completion when there is none)
/// equals the ground truth after trimming, ignoring case: the accuracy reward of MR-SP's video questions.
/// </summary>
public sealed class AnswerMatchReward : PerSampleReward
{
    public override string Name => "answer_match";

    protected override RewardOutput Score(RewardInput input) => input.GroundTruth is null
        ? RewardOutput.Failure("the sample has no ground truth to match")
        : new RewardOutput(string.Equals(LengthReward.AnswerOf(input.Completion).Trim(), input.GroundTruth.Trim(), StringComparison.OrdinalIgnoreCase) ? 1 : 0);
}
