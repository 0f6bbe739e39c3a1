using PostTrain.Core.Rewards;
using PostTrain.Recipes.Tasks;
using PostTrain.Rewards.Format;
using PostTrain.Rewards.Length;

namespace PostTrain.Recipes.Tests.Tasks;

public sealed class ThinkWritingTaskTests
{
    [Fact]
    public async Task SolutionsPlanThenAnswerInsideTheirRangeAndScoreFullMarks()
    {
        var problems = BuiltinTasks.Generate(new ThinkWritingTask(8, 30), 200, seed: 3);
        var inputs = problems.Select(p => new RewardInput(p.Prompt, p.Solution) { Metadata = p.Metadata }).ToList();

        var length = await new LengthReward(maximumLength: 60).ScoreAsync(inputs, default);
        var format = await new LongWriterFormatReward().ScoreAsync(inputs, default);

        Assert.All(length, s => Assert.Equal(1.0, s.Score));
        Assert.All(format, s => Assert.True(s.Score > 0.95, $"format {s.Score}: {s.Note}"));
        foreach (var problem in problems)
        {
            var (low, high) = (int.Parse(problem.Metadata[LengthReward.MinimumKey]), int.Parse(problem.Metadata[LengthReward.MaximumKey]));
            Assert.InRange(low, 8, 8 + 11);
            Assert.Equal(low + 10, high);
            Assert.Contains($"in {low} to {high} words", problem.Prompt);
            Assert.Equal(LengthRequirement.Parse(problem.Prompt), LonGenWindow.Range(low, high)); // the prompt states what metadata carries
            var sentences = LengthReward.AnswerOf(problem.Solution).Count(c => c == '.');
            Assert.Contains($"{low} to {high} words: {sentences} sentences.", problem.Solution);
        }
    }

    [Fact]
    public void RejectedAnswersKeepTheFormatAndTheLengthButNotTheWriting()
    {
        foreach (var problem in BuiltinTasks.Generate(new ThinkWritingTask(8, 30), 100, seed: 4))
        {
            var chosen = LengthReward.AnswerOf(problem.Solution).Trim();
            var rejected = LengthReward.AnswerOf(problem.Rejected!).Trim();
            Assert.True(ThinkAnswerFormatReward.IsThinkThenAnswer(problem.Rejected!));
            Assert.Equal(WordCounter.Count(chosen), WordCounter.Count(rejected));
            Assert.NotEqual(chosen, rejected);
            var sameWords = chosen.Split(' ').Order().SequenceEqual(rejected.Split(' ').Order());
            var firstSentence = chosen[..(chosen.IndexOf('.') + 1)];
            Assert.True(sameWords || rejected.StartsWith(firstSentence + " " + firstSentence.Split(' ')[0]),
                "a rejected answer is the answer's words shuffled, or its first sentence repeated");
        }
    }

    [Fact]
    public void ProseFillsAnyRangeOfFourOrMoreWordCounts()
    {
        var random = new Random(1);
        foreach (var low in new[] { 1, 3, 8, 25, 100 })
            for (var i = 0; i < 50; i++)
            {
                var words = SyntheticProse.Sentences(random, "old clock", low, low + 3).Sum(WordCounter.Count);
                Assert.InRange(words, low, low + 3);
            }
        Assert.Throws<ArgumentException>(() => SyntheticProse.Sentences(random, "old clock", 10, 12));
    }
}
