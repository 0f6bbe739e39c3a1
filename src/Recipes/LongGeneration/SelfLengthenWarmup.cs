using System.Text.RegularExpressions;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Warm-up examples that teach both roles their format before Self-Lengthen starts (a random model writes nothing the
/// response check keeps). Per instruction: a Generator example (the instruction, then a short text of 2 to 4 sentences)
/// and an Extender example (the instruction and a draft, then a text of 3 to 10 sentences that contains the draft's
/// sentences, in order, among new ones). The draft keeps each sentence after the first with probability 0.6, so the
/// Extender learns to write about 1.6 times its draft.
/// </summary>
public static partial class SelfLengthenWarmup
{
    public const int GeneratorMinSentences = 2;
    public const int GeneratorMaxSentences = 4;
    public const int ExtenderMinSentences = 3;
    public const int ExtenderMaxSentences = 10;
    public const double DraftKeep = 0.6;

    /// <summary>Two examples per instruction, Generator then Extender, deterministic in <paramref name="seed"/>.</summary>
    public static IReadOnlyList<RoleExample> Examples(IReadOnlyList<string> instructions, int seed)
    {
        var random = new Random(seed);
        var examples = new List<RoleExample>(2 * instructions.Count);
        foreach (var instruction in instructions)
        {
            var subject = SubjectOf(instruction);
            var initial = ProseGrammar.Paragraphs(random, subject, random.Next(GeneratorMinSentences, GeneratorMaxSentences + 1));
            examples.Add(new RoleExample(SelfLengthenPrompts.Generator(instruction), ProseGrammar.Join(initial)));
            var target = ProseGrammar.Paragraphs(random, subject, random.Next(ExtenderMinSentences, ExtenderMaxSentences + 1));
            examples.Add(new RoleExample(SelfLengthenPrompts.Extender(instruction, ProseGrammar.Join(Draft(target, random))), ProseGrammar.Join(target)));
        }
        return examples;
    }

    /// <summary>The target's sentences kept with probability <see cref="DraftKeep"/> (the first always), paragraphs as they were.</summary>
    static IEnumerable<IEnumerable<string>> Draft(IReadOnlyList<IReadOnlyList<string>> target, Random random)
    {
        var first = true;
        var draft = new List<List<string>>();
        foreach (var paragraph in target)
        {
            var kept = new List<string>();
            foreach (var sentence in paragraph)
            {
                if (first || random.NextDouble() < DraftKeep) kept.Add(sentence);
                first = false;
            }
            draft.Add(kept);
        }
        return draft;
    }

    /// <summary>What the instruction asks to write about ("Write a story about a lost letter in 40 to 50 words." gives "a lost letter").</summary>
    public static string SubjectOf(string instruction)
    {
        var match = Subject().Match(instruction);
        return match.Success ? match.Groups[1].Value.Trim() : "the subject";
    }

    [GeneratedRegex(@"\babout (.+?)(?: in \d+ to \d+ words)?[.?!]?\s*$", RegexOptions.Singleline)]
    private static partial Regex Subject();
}
