using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Verification;

/// <summary>
/// <c>math_verify</c>: 1 when the completion's final answer equals the ground truth as a number (relative tolerance
/// 1e-6; a percentage matches either its value or its value / 100) or, for non-numeric answers, as normalised text;
/// else 0. No final answer scores 0 with that reason.
/// </summary>
public sealed class MathVerifier : IRewardFunction
{
    public const double Tolerance = 1e-6;

    public string Name => "math_verify";

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(Score).ToArray());

    static RewardOutput Score(RewardInput input)
    {
        if (input.GroundTruth is null) return RewardOutput.Failure("the sample has no ground truth to verify against");
        var answer = AnswerExtractor.Extract(input.Completion);
        if (answer is null) return new RewardOutput(0) { Note = "no final answer found (\\boxed{}, <answer> or \"the answer is\")" };
        var truth = AnswerExtractor.Extract(input.GroundTruth) ?? input.GroundTruth;
        return new RewardOutput(Equivalent(answer, truth) ? 1 : 0) { Note = $"answer: {answer}" };
    }

    public static bool Equivalent(string answer, string truth)
    {
        var a = MathExpression.Evaluate(answer, out var answerPercent);
        var t = MathExpression.Evaluate(truth, out var truthPercent);
        if (a is { } x && t is { } y)
        {
            if (Close(x, y)) return true;
            if (answerPercent && !truthPercent && Close(x / 100, y)) return true;
            if (truthPercent && !answerPercent && Close(x, y / 100)) return true;
            return false;
        }
        return Text(answer) == Text(truth);
    }

    static bool Close(double x, double y) => System.Math.Abs(x - y) <= Tolerance * System.Math.Max(1, System.Math.Abs(y));

    static string Text(string value) =>
        new string(value.Replace("\\text", "").Where(c => !char.IsWhiteSpace(c) && c is not ('$' or '{' or '}')).ToArray())
            .ToLowerInvariant().TrimEnd('.');
}
