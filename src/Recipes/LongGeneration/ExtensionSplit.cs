namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// The text handling of Self-Lengthen's extension micro-loop (TECHNIQUES section 6): split the current text at a
/// paragraph boundary into its first half (which the Extender expands) and the rest; keep the first two thirds of the
/// expansion (by words) as the start that the Extender then continues to the end.
/// </summary>
public static class ExtensionSplit
{
    public static IReadOnlyList<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first ceil(n / 2) paragraphs, and the others; joined back with blank lines.</summary>
    public static (string Head, string Tail) FirstHalf(string text)
    {
        var paragraphs = Paragraphs(text);
        var half = (paragraphs.Count + 1) / 2;
        return (string.Join("\n\n", paragraphs.Take(half)), string.Join("\n\n", paragraphs.Skip(half)));
    }

    /// <summary>The first ceil(2/3) of <paramref name="expansion"/>'s words, its paragraph breaks kept.</summary>
    public static string KeepFirstTwoThirds(string expansion)
    {
        var paragraphs = Paragraphs(expansion).Select(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var budget = (2 * paragraphs.Sum(p => p.Length) + 2) / 3;
        var kept = new List<string>();
        foreach (var words in paragraphs)
        {
            if (budget <= 0) break;
            kept.Add(string.Join(' ', words.Take(budget)));
            budget -= Math.Min(budget, words.Length);
        }
        return string.Join("\n\n", kept);
    }

    /// <summary>An extension round's result: accepted when longer (in words) than the text it extends and it passes the check.</summary>
    public static bool Accept(string current, string extended) =>
        WordCount(extended) > WordCount(current) && ResponseCheck.Passes(extended);

    /// <summary>A sample is kept for training only when its final text is more than <paramref name="minGrowth"/> (1.2) times its initial length (words).</summary>
    public static bool LongEnough(string initial, string final, double minGrowth = 1.2) => WordCount(final) > minGrowth * WordCount(initial);

    public static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
