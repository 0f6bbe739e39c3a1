namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// The Extender's training input in Self-Lengthen: the initial text with each line kept with probability 0.8, so the
/// Extender learns to expand from an incomplete draft rather than to copy it.
/// </summary>
public static class LineDropout
{
    public const double KeepProbability = 0.8;

    public static string Apply(string text, Random random, double keep = KeepProbability)
    {
        if (!(keep is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(keep), $"keep probability must be in (0, 1], got {keep}");
        return string.Join('\n', text.Replace("\r\n", "\n").Split('\n').Where(_ => random.NextDouble() < keep));
    }
}
