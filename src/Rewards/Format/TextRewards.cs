using System.Text.RegularExpressions;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Format;

/// <summary>A reward computed from each sample alone, synchronously.</summary>
public abstract class PerSampleReward : IRewardFunction
{
    public abstract string Name { get; }

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(Score).ToArray());

    protected abstract RewardOutput Score(RewardInput input);
}

/// <summary><c>exact_match</c>: 1 when the completion equals the ground truth after trimming (case-insensitive by default).</summary>
public sealed class ExactMatchReward(bool ignoreCase = true) : PerSampleReward
{
    public override string Name => "exact_match";

    protected override RewardOutput Score(RewardInput input) => input.GroundTruth is null
        ? RewardOutput.Failure("the sample has no ground truth to match")
        : new RewardOutput(string.Equals(input.Completion.Trim(), input.GroundTruth.Trim(),
            ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) ? 1 : 0);
}

/// <summary>1 when the completion matches a regular expression (with a time limit, so a bad pattern cannot hang).</summary>
public sealed class RegexReward(string name, string pattern) : PerSampleReward
{
    readonly Regex _regex = new(pattern, RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    public override string Name => name;

    protected override RewardOutput Score(RewardInput input) => new(_regex.IsMatch(input.Completion) ? 1 : 0);
}

/// <summary>
/// <c>think_answer_format</c> (LongVILA / MR-SP): 1 when the completion is one <c>&lt;think&gt;...&lt;/think&gt;</c>
/// followed by one <c>&lt;answer&gt;...&lt;/answer&gt;</c> and nothing else.
/// </summary>
public sealed partial class ThinkAnswerFormatReward : PerSampleReward
{
    public override string Name => "think_answer_format";

    protected override RewardOutput Score(RewardInput input) => new(IsThinkThenAnswer(input.Completion) ? 1 : 0);

    public static bool IsThinkThenAnswer(string text) =>
        Shape().IsMatch(text) && Count(text, "<think>") == 1 && Count(text, "<answer>") == 1;

    static int Count(string text, string tag) => Regex.Matches(text, Regex.Escape(tag)).Count;

    [GeneratedRegex(@"^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$", RegexOptions.Singleline)]
    private static partial Regex Shape();
}
