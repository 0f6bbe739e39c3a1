namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Self-Lengthen's response check (TECHNIQUES section 6): an answer is kept only if it ends with final punctuation and
/// repeats no run of 13 words (a model that loops fails it).
/// </summary>
public static class ResponseCheck
{
    public const int RepeatedGram = 13;
    static readonly char[] FinalPunctuation = ['.', '!', '?', '"', '\'', ')', '。', '！', '？', '”', '’'];

    public static bool Passes(string text) => EndsWithFinalPunctuation(text) && !HasRepeatedGram(text, RepeatedGram);

    public static bool EndsWithFinalPunctuation(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && FinalPunctuation.Contains(trimmed[^1]);
    }

    public static bool HasRepeatedGram(string text, int n)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var seen = new HashSet<string>();
        for (var i = 0; i + n <= words.Length; i++)
            if (!seen.Add(string.Join(' ', words, i, n))) return true;
        return false;
    }
}
