namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Varied short prose from a small seeded grammar, for Self-Lengthen's warm-up: sentences of 6 to 9 words in
/// paragraphs of one to three sentences, each paragraph one line, blank lines between them. Unlike the
/// <c>long_writing</c> task's filler solution (a 12-word cycle, which repeats 13-grams), every text passes
/// <see cref="ResponseCheck"/>, so the roles learn answers the check keeps.
/// </summary>
public static class ProseGrammar
{
    static readonly string[] Determiners = ["The", "A", "One", "That", "Every", "Our"];
    static readonly string[] Adjectives = ["old", "quiet", "bright", "small", "cold", "warm", "tall", "soft", "dark", "green",
        "golden", "silent", "gentle", "heavy", "narrow", "empty", "busy", "distant", "wild", "tired", "brave", "pale"];
    static readonly string[] Nouns = ["keeper", "window", "road", "river", "lamp", "door", "field", "bird", "boat", "tree",
        "stone", "bell", "path", "hill", "cloud", "garden", "wall", "bridge", "harbor", "forest", "street", "room", "clock", "dog"];
    static readonly string[] Verbs = ["watched", "crossed", "followed", "passed", "touched", "circled", "reached", "left",
        "found", "warmed", "opened", "closed", "remembered", "carried", "painted", "heard", "greeted", "held"];
    static readonly string[] Endings = ["before dawn", "in the evening", "after the rain", "near the water", "under the stars",
        "at noon", "without a sound", "for a long time", "once again", "in the morning", "all winter", "by the sea"];

    /// <summary>One sentence of 6 to 9 words, capitalised and ending with a full stop.</summary>
    public static string Sentence(Random random) => random.Next(3) switch
    {
        0 => $"{Pick(random, Determiners)} {Pick(random, Adjectives)} {Pick(random, Nouns)} {Pick(random, Verbs)} the {Pick(random, Nouns)}.",
        1 => $"{Pick(random, Determiners)} {Pick(random, Nouns)} {Pick(random, Verbs)} the {Pick(random, Adjectives)} {Pick(random, Nouns)} {Pick(random, Endings)}.",
        _ => $"{Pick(random, Determiners)} {Pick(random, Adjectives)} {Pick(random, Nouns)} {Pick(random, Verbs)} the {Pick(random, Nouns)} {Pick(random, Endings)}.",
    };

    /// <summary>
    /// <paramref name="sentences"/> sentences in paragraphs of one to three, opening with a sentence that names the
    /// subject; drawn again (same stream) in the rare case the result would fail the response check.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Paragraphs(Random random, string subject, int sentences)
    {
        if (sentences < 1) throw new ArgumentOutOfRangeException(nameof(sentences), $"a text needs at least one sentence, got {sentences}");
        while (true)
        {
            var all = new List<string> { $"This is about {subject}." };
            while (all.Count < sentences) all.Add(Sentence(random));
            var paragraphs = new List<IReadOnlyList<string>>();
            for (var start = 0; start < all.Count;)
            {
                var size = Math.Min(1 + random.Next(3), all.Count - start);
                paragraphs.Add(all.GetRange(start, size));
                start += size;
            }
            if (ResponseCheck.Passes(Join(paragraphs))) return paragraphs;
        }
    }

    /// <summary>Paragraphs as text: sentences joined by spaces, paragraphs by blank lines.</summary>
    public static string Join(IEnumerable<IEnumerable<string>> paragraphs) =>
        string.Join("\n\n", paragraphs.Select(p => string.Join(' ', p)).Where(p => p.Length > 0));

    static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
