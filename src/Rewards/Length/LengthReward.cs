using System.Globalization;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Length;

/// <summary>
/// LongWriter-Zero's length reward on each sample's target range in words (CJK-aware): from metadata <c>length_min</c>
/// and <c>length_max</c> when the data carries them, else from the requirement the prompt states
/// (<see cref="LengthRequirement"/>). Lengths at or past <see cref="MaximumLength"/> score 0. Only the answer is measured
/// when the completion has an <c>&lt;answer&gt;</c> block, so the plan in <c>&lt;think&gt;</c> does not count. A sample
/// without a usable range is reported as an error naming the keys, not scored 0.
/// </summary>
public sealed class LengthReward(double maximumLength) : IRewardFunction
{
    public const string MinimumKey = "length_min";
    public const string MaximumKey = "length_max";

    public string Name => "length";

    public double MaximumLength { get; } = maximumLength;

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(Score).ToArray());

    RewardOutput Score(RewardInput input)
    {
        double low, high;
        if (TryRead(input, MinimumKey, out var min) && TryRead(input, MaximumKey, out var max)) (low, high) = (min, max);
        else if (LengthRequirement.Parse(input.Prompt) is { } stated) (low, high) = (stated.Low, stated.High);
        else return RewardOutput.Failure($"no target length: metadata needs numeric '{MinimumKey}' and '{MaximumKey}' (words), " +
                                         "or the prompt must state one (for example 'in 40 to 60 words' or 'about 300 words')");
        if (!(low > 0 && high >= low && MaximumLength > high))
            return RewardOutput.Failure($"target range [{low}, {high}] must satisfy 0 < {MinimumKey} <= {MaximumKey} < {MaximumLength} (the reward's max_length)");
        var words = WordCounter.Count(AnswerOf(input.Completion));
        return new RewardOutput(LengthScores.LongWriterZero(words, low, high, MaximumLength))
        {
            SubScores = new Dictionary<string, double> { ["words"] = words, ["length_min"] = low, ["length_max"] = high },
        };
    }

    /// <summary>The text inside <c>&lt;answer&gt;</c> (to its end tag, or to the end when it is missing), else all of it.</summary>
    public static string AnswerOf(string completion)
    {
        var open = completion.IndexOf("<answer>", StringComparison.Ordinal);
        if (open < 0) return completion;
        var start = open + "<answer>".Length;
        var close = completion.IndexOf("</answer>", start, StringComparison.Ordinal);
        return close < 0 ? completion[start..] : completion[start..close];
    }

    static bool TryRead(RewardInput input, string key, out double value)
    {
        value = 0;
        return input.Metadata.TryGetValue(key, out var text)
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
