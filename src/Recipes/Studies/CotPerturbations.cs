using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Studies;

/// <summary>
/// The structure study's transforms of a chain of thought. Each changes only what its name says: the content ones
/// keep the number and order of the steps, the structure ones keep every step's text. A transform depends only on
/// its trace and its random source, so a seed repeats a variant exactly.
/// </summary>
public static class CotPerturbations
{
    /// <param name="stepFraction">Shuffled or deleted share of the steps (the paper's 67%).</param>
    /// <param name="digitCorruption">Chance that a digit of a step is replaced by another digit.</param>
    public static CotTrace Apply(CotVariant variant, CotTrace trace, Random random, double stepFraction = 0.67, double digitCorruption = 0.7) =>
        variant switch
        {
            CotVariant.Clean => trace,
            CotVariant.WrongAnswer => WrongAnswer(trace, random),
            CotVariant.DigitCorrupted => CorruptDigits(trace, random, digitCorruption),
            CotVariant.KeywordRemoved => RemoveKeywords(trace),
            CotVariant.StepShuffled => ShuffleSteps(trace, random, stepFraction),
            CotVariant.StepDeleted => DeleteSteps(trace, random, stepFraction),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };

    /// <summary>The boxed integer answer moved by 1-9 (never below 0 when it was not), nothing else changed.</summary>
    public static CotTrace WrongAnswer(CotTrace trace, Random random)
    {
        if (!long.TryParse(trace.Answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var answer))
            throw new FormatException($"wrong_answer needs an integer \\boxed{{}} answer, got '{trace.Answer}'");
        long wrong;
        do wrong = answer + (1 + random.Next(9)) * (random.Next(2) == 0 ? 1 : -1);
        while (answer >= 0 && wrong < 0);
        return trace.WithAnswer(wrong.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Each digit of the steps replaced, with chance <paramref name="probability"/>, by a different digit; the answer line kept.</summary>
    public static CotTrace CorruptDigits(CotTrace trace, Random random, double probability)
    {
        if (!(probability is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), $"digit corruption must be in [0, 1], got {probability}");
        return trace with { Steps = trace.Steps.Select(step => CorruptDigits(step, random, probability)).ToList() };
    }

    /// <summary>
    /// Every reflection keyword (<see cref="LongCotTask.ReflectionKeywords"/>, any case) deleted with the punctuation
    /// and space right after it; every other character kept.
    /// </summary>
    public static CotTrace RemoveKeywords(CotTrace trace) =>
        trace with { Steps = trace.Steps.Select(step => Keywords.Replace(step, "")).ToList() };

    /// <summary>
    /// round(<paramref name="fraction"/> x n) steps, chosen at random, permuted among their own places (never left all
    /// in place when two or more are chosen); the other steps stay where they were.
    /// </summary>
    public static CotTrace ShuffleSteps(CotTrace trace, Random random, double fraction)
    {
        var places = Choose(trace.Steps.Count, Count(trace.Steps.Count, fraction), random);
        var moved = places.ToArray();
        random.Shuffle(moved);
        if (moved.Length >= 2 && moved.SequenceEqual(places)) moved = [.. moved[1..], moved[0]];
        var steps = trace.Steps.ToArray();
        for (var i = 0; i < places.Length; i++) steps[places[i]] = trace.Steps[moved[i]];
        return trace with { Steps = steps };
    }

    /// <summary>round(<paramref name="fraction"/> x n) steps deleted at random (at least one step stays); the rest keep their order.</summary>
    public static CotTrace DeleteSteps(CotTrace trace, Random random, double fraction)
    {
        var deleted = Choose(trace.Steps.Count, Math.Min(Count(trace.Steps.Count, fraction), trace.Steps.Count - 1), random).ToHashSet();
        return trace with { Steps = trace.Steps.Where((_, i) => !deleted.Contains(i)).ToList() };
    }

    /// <summary>How many of <paramref name="steps"/> a fraction touches: rounded half away from zero (67% of 9 is 6).</summary>
    public static int Count(int steps, double fraction)
    {
        if (!(fraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), $"step fraction must be in [0, 1], got {fraction}");
        return (int)Math.Round(steps * fraction, MidpointRounding.AwayFromZero);
    }

    static string CorruptDigits(string step, Random random, double probability)
    {
        var text = new StringBuilder(step);
        for (var i = 0; i < text.Length; i++)
            if (char.IsAsciiDigit(text[i]) && random.NextDouble() < probability)
                text[i] = (char)('0' + (text[i] - '0' + 1 + random.Next(9)) % 10);
        return text.ToString();
    }

    // count distinct indices below n, in increasing order.
    static int[] Choose(int n, int count, Random random)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        random.Shuffle(indices);
        return [.. indices.Take(count).Order()];
    }

    static readonly Regex Keywords = new($@"\b(?:{string.Join("|", LongCotTask.ReflectionKeywords.Select(Regex.Escape))})[,:.!]? ?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
