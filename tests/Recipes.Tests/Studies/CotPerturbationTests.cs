using PostTrain.Core.Rewards;
using PostTrain.Recipes.Studies;
using PostTrain.Recipes.Tasks;
using PostTrain.Rewards.Verification;

namespace PostTrain.Recipes.Tests.Studies;

/// <summary>Each variant of the structure study does exactly what its name says, on a small trace written out by hand.</summary>
public sealed class CotPerturbationTests
{
    static readonly CotTrace Trace = new(
    [
        "Step 1: 7 + 5 = 12.",
        "Check: 12 - 5 = 7. Correct.",
        "Step 2: 12 - 3 = 8.",
        "Hmm, check: 8 + 3 = 11, not 12.",
        "Wait, that is wrong. Step 2 again: 12 - 3 = 9.",
        "Let me verify: 9 + 3 = 12. Correct.",
        "Step 3: 9 + 4 = 13.",
        "Wait, let me verify: 13 - 4 = 9. Yes.",
        "Step 4: 13 + 2 = 15.",
    ], "So the result is \\boxed{15}.");

    [Fact]
    public void KeywordRemovalDeletesTheKeywordsWithTheirPunctuationAndNothingElse()
    {
        var removed = CotPerturbations.RemoveKeywords(Trace);

        Assert.Equal(new[]
        {
            "Step 1: 7 + 5 = 12.",
            "Check: 12 - 5 = 7. Correct.",
            "Step 2: 12 - 3 = 8.",
            "check: 8 + 3 = 11, not 12.",
            "that is wrong. Step 2 again: 12 - 3 = 9.",
            "9 + 3 = 12. Correct.",
            "Step 3: 9 + 4 = 13.",
            "13 - 4 = 9. Yes.",
            "Step 4: 13 + 2 = 15.",
        }, removed.Steps);
        Assert.Equal(Trace.AnswerLine, removed.AnswerLine);
    }

    [Fact]
    public void KeywordRemovalLeavesNoKeywordInGeneratedTraces()
    {
        foreach (var problem in BuiltinTasks.Generate(new LongCotTask(), 200, seed: 3))
        {
            var removed = CotPerturbations.RemoveKeywords(CotTrace.Parse(problem.Solution)).ToString();
            foreach (var keyword in LongCotTask.ReflectionKeywords)
                Assert.DoesNotContain(keyword, removed, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(Digits(problem.Solution), Digits(removed));
        }
    }

    [Fact]
    public void ShufflingPermutesTwoThirdsOfTheStepsAndKeepsTheirMultiset()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var shuffled = CotPerturbations.ShuffleSteps(Trace, new Random(seed), 0.67);

            Assert.Equal(Trace.Steps.Order(), shuffled.Steps.Order());
            var moved = Trace.Steps.Where((step, i) => shuffled.Steps[i] != step).Count();
            Assert.InRange(moved, 2, 6);
            Assert.Equal(Trace.AnswerLine, shuffled.AnswerLine);
        }
        Assert.Equal(CotPerturbations.ShuffleSteps(Trace, new Random(1), 0.67).Steps, CotPerturbations.ShuffleSteps(Trace, new Random(1), 0.67).Steps);
    }

    [Fact]
    public void DeletionKeepsAThirdOfTheStepsInTheirOrder()
    {
        var kept = new HashSet<string>();
        for (var seed = 0; seed < 50; seed++)
        {
            var deleted = CotPerturbations.DeleteSteps(Trace, new Random(seed), 0.67);

            Assert.Equal(3, deleted.Steps.Count);
            var positions = deleted.Steps.Select(step => Trace.Steps.ToList().IndexOf(step)).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(Trace.AnswerLine, deleted.AnswerLine);
            kept.UnionWith(deleted.Steps);
        }
        Assert.True(kept.Count > 3, "different seeds delete different steps");
        Assert.Single(CotPerturbations.DeleteSteps(new CotTrace(["Step 1: 1 + 1 = 2."], "\\boxed{2}"), new Random(0), 0.67).Steps);
    }

    [Fact]
    public async Task AWrongAnswerChangesOnlyTheBoxedNumberAndNoLongerVerifies()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var wrong = CotPerturbations.WrongAnswer(Trace, new Random(seed));

            Assert.Equal(Trace.Steps, wrong.Steps);
            Assert.NotEqual("15", wrong.Answer);
            Assert.True(int.Parse(wrong.Answer) >= 0);
            Assert.Equal($"So the result is \\boxed{{{wrong.Answer}}}.", wrong.AnswerLine);
            var score = await new MathVerifier().ScoreAsync([new RewardInput("", wrong.ToString()) { GroundTruth = "15" }], default);
            Assert.Equal(0.0, score[0].Score);
        }
    }

    [Fact]
    public void DigitCorruptionChangesDigitsOfTheStepsOnly()
    {
        var all = CotPerturbations.CorruptDigits(Trace, new Random(2), probability: 1.0);
        var none = CotPerturbations.CorruptDigits(Trace, new Random(2), probability: 0.0);

        Assert.Equal(Trace.Steps, none.Steps);
        Assert.Equal(Trace.AnswerLine, all.AnswerLine);
        for (var i = 0; i < Trace.Steps.Count; i++)
        {
            var (before, after) = (Trace.Steps[i], all.Steps[i]);
            Assert.Equal(before.Length, after.Length);
            for (var c = 0; c < before.Length; c++)
                if (char.IsAsciiDigit(before[c])) Assert.True(char.IsAsciiDigit(after[c]) && after[c] != before[c], $"'{before}' -> '{after}'");
                else Assert.Equal(before[c], after[c]);
        }

        var half = CotPerturbations.CorruptDigits(Trace, new Random(3), probability: 0.5);
        var changed = Trace.Steps.Zip(half.Steps).Sum(p => p.First.Zip(p.Second).Count(c => c.First != c.Second));
        Assert.InRange(changed, 0.3 * Digits(string.Concat(Trace.Steps)).Length, 0.7 * Digits(string.Concat(Trace.Steps)).Length);
    }

    [Fact]
    public void TheCleanVariantIsTheTraceItselfAndNamesRoundTrip()
    {
        Assert.Same(Trace, CotPerturbations.Apply(CotVariant.Clean, Trace, new Random(0)));
        Assert.Equal(["clean", "wrong_answer", "digit_corrupted", "keyword_removed", "step_shuffled", "step_deleted"], CotVariants.All.Select(v => v.Name()));
        Assert.All(CotVariants.All, v => Assert.Equal(v, CotVariants.Parse(v.Name())));
        Assert.Contains("expected one of clean, wrong_answer", Assert.Throws<ArgumentException>(() => CotVariants.Parse("shuffled")).Message);
        Assert.Equal(6, CotPerturbations.Count(9, 0.67));
        Assert.Equal(2, CotPerturbations.Count(3, 0.67));
    }

    static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));
}
