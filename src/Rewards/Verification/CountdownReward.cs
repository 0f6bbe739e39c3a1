using PostTrain.Core.Rewards;
using PostTrain.Rewards.Format;

namespace PostTrain.Rewards.Verification;

/// <summary>
/// The countdown game: the final answer must be an expression that uses each given number exactly once (with
/// + - * / and parentheses) and equals the target. Ground truth: <c>numbers=3,7,25;target=46</c>. Scores 1 or 0,
/// with a note saying why not.
/// </summary>
public sealed class CountdownReward : PerSampleReward
{
    public override string Name => "countdown";

    protected override RewardOutput Score(RewardInput input)
    {
        if (!TryParseGroundTruth(input.GroundTruth, out var numbers, out var target))
            return RewardOutput.Failure($"ground truth '{input.GroundTruth}' is not 'numbers=a,b,c;target=t'");
        var answer = AnswerExtractor.Extract(input.Completion);
        if (answer is null) return new RewardOutput(0) { Note = "no final answer found" };
        var expression = answer.Contains('=') ? answer[..answer.IndexOf('=')] : answer;
        var result = ArithmeticExpression.TryEvaluate(expression, out var error);
        if (result is null) return new RewardOutput(0) { Note = $"not an arithmetic expression: {error}" };
        if (!result.Numbers.Order().SequenceEqual(numbers.Order()))
            return new RewardOutput(0) { Note = $"uses [{string.Join(", ", result.Numbers)}], not each of [{string.Join(", ", numbers)}] once" };
        return result.Denominator == 1 && result.Numerator == target
            ? new RewardOutput(1)
            : new RewardOutput(0) { Note = $"equals {result.Numerator}/{result.Denominator}, not {target}" };
    }

    public static bool TryParseGroundTruth(string? text, out long[] numbers, out long target)
    {
        (numbers, target) = ([], 0);
        if (text is null) return false;
        var parts = text.Split(';', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries)).ToArray();
        var numbersText = parts.FirstOrDefault(p => p.Length == 2 && p[0] == "numbers")?[1];
        var targetText = parts.FirstOrDefault(p => p.Length == 2 && p[0] == "target")?[1];
        if (numbersText is null || !long.TryParse(targetText, out target)) return false;
        var parsed = numbersText.Split(',', StringSplitOptions.TrimEntries).Select(n => long.TryParse(n, out var v) ? v : (long?)null).ToArray();
        if (parsed.Length == 0 || parsed.Any(n => n is null)) return false;
        numbers = parsed.Select(n => n!.Value).ToArray();
        return true;
    }
}
