using PostTrain.Recipes.LongGeneration;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Tests.LongGeneration;

/// <summary>Self-Lengthen's warm-up texts, its prompts and its final data set's length instructions.</summary>
public sealed class SelfLengthenDataTests
{
    static IReadOnlyList<string> Instructions(int count) =>
        BuiltinTasks.Generate(BuiltinTasks.Get("long_writing"), count, seed: 5).Select(p => p.Prompt).ToList();

    [Fact]
    public void WarmupGivesAGeneratorAndAnExtenderExamplePerInstructionThatPassTheCheck()
    {
        var instructions = Instructions(40);
        var examples = SelfLengthenWarmup.Examples(instructions, seed: 3);

        Assert.Equal(80, examples.Count);
        Assert.All(examples, e => Assert.True(ResponseCheck.Passes(e.Answer), e.Answer));
        for (var i = 0; i < instructions.Count; i++)
        {
            var (generator, extender) = (examples[2 * i], examples[2 * i + 1]);
            Assert.Equal(SelfLengthenPrompts.Generator(instructions[i]), generator.Prompt);
            var sentences = Sentences(generator.Answer);
            Assert.InRange(sentences.Count, SelfLengthenWarmup.GeneratorMinSentences, SelfLengthenWarmup.GeneratorMaxSentences);
            Assert.StartsWith($"This is about {SelfLengthenWarmup.SubjectOf(instructions[i])}.", generator.Answer);

            var prompt = Assert.Single(extender.Prompt).Content;
            var draft = prompt[(prompt.IndexOf("Draft:\n", StringComparison.Ordinal) + "Draft:\n".Length)..];
            Assert.Equal(SelfLengthenPrompts.Extender(instructions[i], draft), extender.Prompt);
            // The target holds the draft's sentences in their order, among new ones.
            var target = Sentences(extender.Answer);
            Assert.InRange(target.Count, SelfLengthenWarmup.ExtenderMinSentences, SelfLengthenWarmup.ExtenderMaxSentences);
            var position = 0;
            foreach (var sentence in Sentences(draft))
            {
                position = target.IndexOf(sentence, position) + 1;
                Assert.True(position > 0, $"draft sentence '{sentence}' is not in order in '{extender.Answer}'");
            }
        }
        var ratio = examples.Where((_, n) => n % 2 == 1).Average(e => ExtensionSplit.WordCount(e.Answer) / (double)ExtensionSplit.WordCount(Draft(e)));
        Assert.InRange(ratio, 1.3, 2.0);
        static IEnumerable<(string, string)> Texts(IEnumerable<RoleExample> e) => e.Select(x => (x.Prompt[0].Content, x.Answer));
        Assert.Equal(Texts(examples), Texts(SelfLengthenWarmup.Examples(instructions, seed: 3)));
    }

    [Fact]
    public void ProseGrammarSplitsIntoParagraphLinesAndNamesItsSubject()
    {
        var paragraphs = ProseGrammar.Paragraphs(new Random(1), "an old clock", 9);
        var text = ProseGrammar.Join(paragraphs);

        Assert.Equal(9, paragraphs.Sum(p => p.Count));
        Assert.All(paragraphs, p => Assert.InRange(p.Count, 1, 3));
        Assert.Equal(paragraphs.Count, ExtensionSplit.Paragraphs(text).Count);
        Assert.StartsWith("This is about an old clock.", text);
        Assert.True(ResponseCheck.Passes(text));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProseGrammar.Paragraphs(new Random(1), "x", 0));
    }

    [Theory]
    [InlineData("Write a story about a lost letter in 40 to 50 words.", "a lost letter")]
    [InlineData("Write an essay about the sea at dawn.", "the sea at dawn")]
    [InlineData("Tell me something.", "the subject")]
    public void TheSubjectComesFromTheInstruction(string instruction, string subject) =>
        Assert.Equal(subject, SelfLengthenWarmup.SubjectOf(instruction));

    [Theory]
    [InlineData("Write a story about a lost letter in 40 to 50 words.", 23, "Write a story about a lost letter in about 25 words.")]
    [InlineData("Write a letter about a night train.", 87, "Write a letter about a night train. Write it in about 90 words.")]
    public void TheFinalDataSetAsksForAboutTheAnswersLength(string instruction, int words, string expected) =>
        Assert.Equal(expected, FinalDataset.Constrained(instruction, words));

    [Fact]
    public void AboutLRoundsIntoLonGensWindowForIt()
    {
        for (var words = 8; words < 600; words++)
            Assert.InRange(words, 0.8 * FinalDataset.About(words), 1.2 * FinalDataset.About(words));
    }

    [Fact]
    public void FiguresGiveTheLengthsTheirGrowthAndTheAcceptanceOverAllIterations()
    {
        var reports = new[]
        {
            new PostTrain.Recipes.Pipelines.IterationReport(1, 10, 8, 4, [], 8, 5, 20, 30),
            new PostTrain.Recipes.Pipelines.IterationReport(2, 10, 2, 0, [], 2, 0, 0, double.NaN),
        };
        var figures = PostTrain.Recipes.Pipelines.SelfLengthenFigures.Build([20, 0, 0], reports, 10, "data.eval", "final_dataset.jsonl");

        Assert.Equal("[20,0,0]", figures["mean_length_per_iteration"]!.ToJsonString());
        // A Generator that wrote nothing has no growth to report: null, not a number JSON cannot hold.
        Assert.Equal("[0,null]", figures["length_growth_per_iteration"]!.ToJsonString());
        Assert.Equal(0.4, (double)figures["acceptance_rate"]!, 12);
    }

    static List<string> Sentences(string text) =>
        text.Split(['.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0).ToList();

    static string Draft(RoleExample extender)
    {
        var prompt = extender.Prompt[0].Content;
        return prompt[(prompt.IndexOf("Draft:\n", StringComparison.Ordinal) + "Draft:\n".Length)..];
    }
}
