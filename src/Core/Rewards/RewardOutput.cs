namespace PostTrain.Core.Rewards;

/// <summary>
/// A reward's verdict on one sample: a score, optional named sub-scores, and an error when the reward could not
/// score it (which is never reported as a silent zero).
/// </summary>
public sealed record RewardOutput(double Score)
{
    public IReadOnlyDictionary<string, double> SubScores { get; init; } = new Dictionary<string, double>();
    public string? Error { get; init; }

    /// <summary>Why a valid score is what it is, when that is worth saying (e.g. "no final answer found").</summary>
    public string? Note { get; init; }

    public bool Failed => Error is not null;

    public static RewardOutput Failure(string error) => new(double.NaN) { Error = error };
}
