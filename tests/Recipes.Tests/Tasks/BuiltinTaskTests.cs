using PostTrain.Core.Rewards;
using PostTrain.Recipes.Tasks;
using PostTrain.Rewards.Length;
using PostTrain.Rewards.Verification;

namespace PostTrain.Recipes.Tests.Tasks;

/// <summary>Built-in tasks: deterministic, distinct, disjoint from what they exclude, and their worked solutions verify.</summary>
public sealed class BuiltinTaskTests
{
    [Theory]
    [InlineData("arithmetic")]
    [InlineData("countdown")]
    [InlineData("long_writing")]
    public void TheSameSeedGivesTheSameDistinctProblems(string name)
    {
        var task = BuiltinTasks.Get(name);
        var first = BuiltinTasks.Generate(task, 50, seed: 4);
        var again = BuiltinTasks.Generate(task, 50, seed: 4);

        Assert.Equal(first.Select(p => p.Id), again.Select(p => p.Id));
        Assert.Equal(50, first.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void AHeldOutSetNeverRepeatsATrainingProblem()
    {
        var task = new ArithmeticTask();
        var train = BuiltinTasks.Generate(task, 400, seed: 1);
        var heldOut = BuiltinTasks.Generate(task, 200, seed: 2, train.Select(p => p.Id).ToHashSet());

        Assert.Empty(heldOut.Select(p => p.Id).Intersect(train.Select(p => p.Id)));
    }

    [Fact]
    public async Task ArithmeticSolutionsVerifyAndWrongAnswersDoNot()
    {
        var problems = BuiltinTasks.Generate(new ArithmeticTask(), 100, seed: 3);
        var verifier = new MathVerifier();

        var right = await verifier.ScoreAsync(problems.Select(p => new RewardInput(p.Prompt, p.Solution) { GroundTruth = p.GroundTruth }).ToList(), default);
        var wrong = await verifier.ScoreAsync(problems.Select(p => new RewardInput(p.Prompt, "\\boxed{-9999}") { GroundTruth = p.GroundTruth }).ToList(), default);

        Assert.All(right, r => Assert.Equal(1.0, r.Score));
        Assert.All(wrong, r => Assert.Equal(0.0, r.Score));
    }

    [Fact]
    public async Task CountdownSolutionsVerifyAndTheRewardExplainsFailures()
    {
        var problems = BuiltinTasks.Generate(new CountdownTask(), 100, seed: 5);
        var reward = new CountdownReward();

        var right = await reward.ScoreAsync(problems.Select(p => new RewardInput(p.Prompt, p.Solution) { GroundTruth = p.GroundTruth }).ToList(), default);
        Assert.All(right, r => Assert.Equal(1.0, r.Score));

        var truth = "numbers=3,7,25;target=46";
        async Task<RewardOutput> Score(string completion) =>
            (await reward.ScoreAsync([new RewardInput("", completion) { GroundTruth = truth }], default))[0];
        Assert.Equal(1.0, (await Score("\\boxed{25 + 3 * 7}")).Score);
        Assert.Equal(1.0, (await Score("<answer>(25 + 3*7) = 46</answer>")).Score);
        Assert.Contains("not each of", (await Score("\\boxed{25 + 21}")).Note);
        Assert.Contains("not 46", (await Score("\\boxed{25 + 3 + 7}")).Note);
        Assert.Contains("not an arithmetic expression", (await Score("\\boxed{25 + 3 ^ 7}")).Note);
        Assert.Equal("no final answer found", (await Score("I don't know")).Note);
        Assert.True((await reward.ScoreAsync([new RewardInput("", "\\boxed{1}") { GroundTruth = "46" }], default))[0].Failed);
    }

    [Fact]
    public void LongWritingPromptsStateTheirRangeAndCarryItForTheLengthReward()
    {
        foreach (var problem in BuiltinTasks.Generate(new LongWritingTask(), 30, seed: 6))
        {
            var (low, high) = (int.Parse(problem.Metadata[LengthReward.MinimumKey]), int.Parse(problem.Metadata[LengthReward.MaximumKey]));
            Assert.Contains($"in {low} to {high} words", problem.Prompt);
            Assert.InRange(WordCounter.Count(problem.Solution), low, high);
        }
    }

    [Fact]
    public void AnUnknownTaskNamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => BuiltinTasks.Get("sudoku"));
        Assert.Contains("arithmetic, countdown, long_writing", error.Message);
    }

    [Fact]
    public async Task UnmarkedSolutionsStateTheRightSumButScoreZeroWithTheVerifier()
    {
        var problems = BuiltinTasks.Generate(new ArithmeticTask(50, "+", unmarkedAnswers: 0.4), 1000, seed: 4);
        var scores = await new MathVerifier().ScoreAsync(problems.Select(p => new RewardInput(p.Prompt, p.Solution) { GroundTruth = p.GroundTruth }).ToList(), default);

        var unmarked = problems.Where((_, i) => scores[i].Score == 0).ToList();
        Assert.InRange(unmarked.Count, 350, 450);
        Assert.All(problems, p => Assert.Contains(" + ", p.Prompt));
        Assert.All(unmarked, p => Assert.Equal($"{p.Prompt[8..^1]} = {p.GroundTruth}", p.Solution));
    }

    [Fact]
    public void ArithmeticRefusesUnknownOperationsAndErrorRatesOutsideZeroToOne()
    {
        Assert.Throws<ArgumentException>(() => new ArithmeticTask(50, "+/"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArithmeticTask(50, "+", unmarkedAnswers: 1.5));
    }
}
