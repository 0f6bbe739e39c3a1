using PostTrain.Rewards.Length;

namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Grammatical, varied sentences about a subject, drawn from small word lists: writing that a tiny model can learn and a
/// reward model can tell from its degraded copies. Word 8-grams rarely repeat, so the format reward's repetition
/// penalty does not punish it.
/// </summary>
public static class SyntheticProse
{
    /// <summary>Sentences about <paramref name="subject"/> whose total word count lies in [low, high] (a range of at least 4 words).</summary>
    public static IReadOnlyList<string> Sentences(Random random, string subject, int low, int high)
    {
        if (low < 1 || high - low < 3) throw new ArgumentException($"the range [{low}, {high}] must hold at least 4 word counts from 1");
        var target = low + random.Next(Math.Max(1, (high - low) / 2));
        var sentences = new List<string>();
        var words = 0;
        while (words < target)
        {
            var sentence = Sentence(random, subject);
            var count = WordCounter.Count(sentence);
            if (words + count > high)
            {
                sentence = Short(random);
                count = WordCounter.Count(sentence);
                if (words + count > high) break;
            }
            sentences.Add(sentence);
            words += count;
        }
        while (words < low)
        {
            var filler = Short(random);
            sentences.Add(filler);
            words += WordCounter.Count(filler);
        }
        return sentences;
    }

    static string Sentence(Random r, string subject) => r.Next(5) switch
    {
        0 => $"The {subject} {Pick(r, Verbs)} {Pick(r, Prepositions)} the {Pick(r, Adjectives)} {Pick(r, Nouns)}.",
        1 => $"{Capital(Pick(r, Times))}, the {Pick(r, Adjectives)} {Pick(r, Nouns)} {Pick(r, Verbs)} {Pick(r, Adverbs)}.",
        2 => $"The {Pick(r, Nouns)} {Pick(r, Verbs)} {Pick(r, Adverbs)}, and the {Pick(r, Nouns)} {Pick(r, Verbs)} {Pick(r, Prepositions)} the {subject}.",
        3 => $"We {Pick(r, Verbs)} {Pick(r, Prepositions)} the {Pick(r, Adjectives)} {Pick(r, Nouns)} {Pick(r, Times)}.",
        _ => $"Nobody knew why the {subject} {Pick(r, Verbs)} {Pick(r, Adverbs)}.",
    };

    static string Short(Random r) => $"It was {Pick(r, Adjectives)}.";

    static string Pick(Random r, string[] words) => words[r.Next(words.Length)];

    static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    static readonly string[] Adjectives = ["quiet", "golden", "cold", "narrow", "distant", "bright", "silver", "heavy", "gentle", "broken",
        "hidden", "green", "ancient", "empty", "warm", "restless"];

    static readonly string[] Nouns = ["river", "window", "bridge", "forest", "harbour", "lantern", "road", "field", "tower", "market",
        "shadow", "wind", "stone", "garden", "valley", "roof", "boat", "bell", "door", "hill", "cloud", "wall", "path", "fire"];

    static readonly string[] Verbs = ["waited", "wandered", "rested", "lingered", "shivered", "glowed", "drifted", "listened", "slept",
        "sang", "turned", "paused", "trembled", "shone", "vanished", "returned"];

    static readonly string[] Prepositions = ["beside", "under", "above", "behind", "across", "near", "beyond", "along"];

    static readonly string[] Adverbs = ["slowly", "softly", "alone", "again", "quietly", "for hours", "at last", "without a sound", "in silence", "gladly"];

    static readonly string[] Times = ["at dawn", "after the storm", "in the evening", "before the winter", "all night", "at noon",
        "in early spring", "long ago"];
}
