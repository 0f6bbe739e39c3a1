using System.Globalization;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Length;

/// <summary>
/// LongWriter-Zero's length reward on each sample's target range, read from metadata <c>length_min</c> and
/// <c>length_max</c> (words, CJK-aware); lengths at or past <see cref="MaximumLength"/> score 0. A sample without a
/// usable range is reported as an error naming the key, not scored 0.
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
        if (!TryRead(input, MinimumKey, out var low) || !TryRead(input, MaximumKey, out var high))
            return RewardOutput.Failure($"metadata needs numeric '{MinimumKey}' and '{MaximumKey}' (the target length range in words)");
        if (!(low > 0 && high >= low && MaximumLength > high))
            return RewardOutput.Failure($"target range [{low}, {high}] must satisfy 0 < {MinimumKey} <= {MaximumKey} < {MaximumLength}");
        var words = WordCounter.Count(input.Completion);
        return new RewardOutput(LengthScores.LongWriterZero(words, low, high, MaximumLength))
        {
            SubScores = new Dictionary<string, double> { ["words"] = words },
        };
    }

    static bool TryRead(RewardInput input, string key, out double value)
    {
        value = 0;
        return input.Metadata.TryGetValue(key, out var text)
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
