using PostTrain.Recipes.LongGeneration;

namespace PostTrain.Recipes.Tests.LongGeneration;

/// <summary>Self-Lengthen's mechanics (TECHNIQUES section 6) on small deterministic inputs.</summary>
public sealed class SelfLengthenMechanicsTests
{
    [Fact]
    public void DropShortKeepsTheSampleAtIndexIWithProbabilityOneMinusTwiceRankCubed()
    {
        // N = 4: ranks 1, 0.75, 0.5, 0.25.
        Assert.Equal(0.0, DropShort.KeepProbability(0, 4));
        Assert.Equal(1 - 2 * 0.421875, DropShort.KeepProbability(1, 4), 12);
        Assert.Equal(0.75, DropShort.KeepProbability(2, 4), 12);
        Assert.Equal(1 - 2 * Math.Pow(0.25, 3), DropShort.KeepProbability(3, 4), 12);
    }

    [Fact]
    public void DropShortKeepsLongSamplesAtTheirProbabilityOverManyDraws()
    {
        var samples = new[] { "bb", "a", "dddd", "ccc" }; // ascending: a, bb, ccc, dddd
        var random = new Random(11);
        var kept = new Dictionary<string, int>();
        const int trials = 20_000;
        for (var t = 0; t < trials; t++)
            foreach (var sample in DropShort.Apply(samples, s => s.Length, random))
                kept[sample] = kept.GetValueOrDefault(sample) + 1;

        Assert.False(kept.ContainsKey("a"));
        Assert.Equal(1 - 2 * 0.421875, kept["bb"] / (double)trials, 2);
        Assert.Equal(0.75, kept["ccc"] / (double)trials, 2);
        Assert.Equal(1 - 2 * Math.Pow(0.25, 3), kept["dddd"] / (double)trials, 2);
        // Kept samples come back in their original order.
        Assert.Equal(["dddd", "ccc"], DropShort.Apply(samples, s => s.Length, new Random(0)).Where(s => s.Length > 2).OrderBy(s => Array.IndexOf(samples, s)));
    }

    [Fact]
    public void TheMicroLoopExpandsTheFirstHalfKeepsTwoThirdsAndAcceptsOnlyLongerCheckedText()
    {
        var text = "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.";
        var (head, tail) = ExtensionSplit.FirstHalf(text);
        Assert.Equal("One.\n\nTwo.\n\nThree.", head);
        Assert.Equal("Four.\n\nFive.", tail);

        // Nine words over two paragraphs: the first six are kept, the paragraph break too.
        Assert.Equal("a b c d\n\ne f", ExtensionSplit.KeepFirstTwoThirds("a b c d\n\ne f g h i"));

        Assert.True(ExtensionSplit.Accept("Short text.", "A longer text than before."));
        Assert.False(ExtensionSplit.Accept("Short text.", "A longer text without an end"));
        Assert.False(ExtensionSplit.Accept("A longer text than before.", "Short text."));
        Assert.True(ExtensionSplit.LongEnough("one two three four five.", "one two three four five six seven."));
        Assert.False(ExtensionSplit.LongEnough("one two three four five.", "one two three four five six."));
    }

    [Fact]
    public void TheResponseCheckNeedsFinalPunctuationAndNoRepeated13Gram()
    {
        var words = string.Join(' ', Enumerable.Range(0, 13).Select(i => $"w{i}"));
        Assert.True(ResponseCheck.Passes(words + " and more."));
        Assert.False(ResponseCheck.Passes(words + " and more"));
        Assert.False(ResponseCheck.Passes($"{words} {words} again."));
        Assert.False(ResponseCheck.HasRepeatedGram(string.Join(' ', Enumerable.Repeat("x", 13)) + " y", 13));
        Assert.True(ResponseCheck.HasRepeatedGram(string.Join(' ', Enumerable.Repeat("x", 14)), 13));
    }

    [Fact]
    public void LineDropoutKeepsEachLineWithProbabilityPointEight()
    {
        var text = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => $"line {i}"));
        var kept = LineDropout.Apply(text, new Random(5)).Split('\n');

        Assert.Equal(0.8, kept.Length / 10_000.0, 2);
        Assert.Equal(kept.OrderBy(l => int.Parse(l[5..])), kept); // order preserved
    }
}
