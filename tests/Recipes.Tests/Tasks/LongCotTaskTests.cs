using System.Text.RegularExpressions;
using PostTrain.Core.Rewards;
using PostTrain.Recipes.Tasks;
using PostTrain.Rewards.Verification;

namespace PostTrain.Recipes.Tests.Tasks;

/// <summary>
/// The long_cot task: deterministic, distinct problems whose traces are well formed (numbered steps in order, checks
/// that hold, caught and corrected mistakes) and whose boxed answers math_verify accepts.
/// </summary>
public sealed partial class LongCotTaskTests
{
    static readonly IReadOnlyList<TaskProblem> Problems = BuiltinTasks.Generate(BuiltinTasks.Get("long_cot"), 300, seed: 7);

    [Fact]
    public void TheSameSeedGivesTheSameDistinctProblemsAndAnotherSeedOthers()
    {
        var again = BuiltinTasks.Generate(new LongCotTask(), 300, seed: 7);
        var other = BuiltinTasks.Generate(new LongCotTask(), 300, seed: 8);

        Assert.Equal(Problems.Select(p => p.Solution), again.Select(p => p.Solution));
        Assert.Equal(300, Problems.Select(p => p.Id).Distinct().Count());
        Assert.NotEqual(Problems.Select(p => p.Id), other.Select(p => p.Id));
    }

    [Fact]
    public void EveryStepIsRightOrCaughtByItsCheckAndCorrected()
    {
        foreach (var problem in Problems)
        {
            var (start, operations) = ParsePrompt(problem.Prompt);
            Assert.InRange(operations.Count, 2, 3);
            var trace = CotTrace.Parse(problem.Solution);
            var value = start;
            var line = 0;
            for (var number = 1; number <= operations.Count; number++)
            {
                var (symbol, operand) = operations[number - 1];
                Assert.InRange(operand, 1, new LongCotTask().MaxOperand - 1);
                var next = symbol == '+' ? value + operand : value - operand;
                var step = StepLine().Match(trace.Steps[line++]);
                Assert.True(step.Success, $"expected 'Step {number}: ...' in '{problem.Solution}'");
                Assert.Equal($"{number}: {value} {symbol} {operand}", $"{step.Groups["n"]}: {step.Groups["a"]} {step.Groups["op"]} {step.Groups["b"]}");
                if (int.Parse(step.Groups["c"].Value) != next)
                {
                    Assert.Matches($@"^(Check|Hmm, check): \d+ [+-] {operand} = \d+, not {value}\.$", trace.Steps[line++]);
                    Assert.Equal($"Wait, that is wrong. Step {number} again: {value} {symbol} {operand} = {next}.", trace.Steps[line++]);
                }
                if (line < trace.Steps.Count && !trace.Steps[line].Contains("Step ", StringComparison.Ordinal))
                    Assert.Matches($@"^(Check|Let me verify|Hmm, check|Wait, let me verify): {next} [+-] {operand} = {value}\. (Correct|Yes)\.$", trace.Steps[line++]);
                Assert.InRange(next, 0, new LongCotTask().MaxValue - 1);
                value = next;
            }
            Assert.Equal(trace.Steps.Count, line);
            Assert.Equal(value.ToString(), problem.GroundTruth);
            Assert.Equal($"So the result is \\boxed{{{value}}}.", trace.AnswerLine);
        }
    }

    [Fact]
    public void TracesCheckWithReflectionKeywordsAndSometimesBacktrack()
    {
        var backtracking = Problems.Count(p => p.Solution.Contains("Wait, that is wrong.", StringComparison.Ordinal));
        Assert.InRange(backtracking, 60, 240);
        foreach (var keyword in LongCotTask.ReflectionKeywords)
            Assert.True(Problems.Count(p => p.Solution.Contains(keyword, StringComparison.Ordinal)) > 50, keyword);
        Assert.InRange(Problems.Average(p => CotTrace.Parse(p.Solution).Steps.Count), 3.5, 6.5);
    }

    [Fact]
    public async Task SolutionsVerifyWithMathVerifyAndAnotherAnswerDoesNot()
    {
        var verifier = new MathVerifier();
        var right = await verifier.ScoreAsync(Problems.Select(p => new RewardInput(p.Prompt, p.Solution) { GroundTruth = p.GroundTruth }).ToList(), default);
        var wrong = await verifier.ScoreAsync(Problems.Select(p => new RewardInput(p.Prompt,
            CotTrace.Parse(p.Solution).WithAnswer((int.Parse(p.GroundTruth) + 1).ToString()).ToString()) { GroundTruth = p.GroundTruth }).ToList(), default);

        Assert.All(right, r => Assert.Equal(1.0, r.Score));
        Assert.All(wrong, r => Assert.Equal(0.0, r.Score));
    }

    [Fact]
    public void ShortCotPosesTheSameProblemsWithThePlainChain()
    {
        var plain = BuiltinTasks.Generate(BuiltinTasks.Get("short_cot"), 300, seed: 7);

        Assert.Equal(Problems.Select(p => p.Id), plain.Select(p => p.Id));
        Assert.Equal(Problems.Select(p => p.GroundTruth), plain.Select(p => p.GroundTruth));
        Assert.All(plain, p => Assert.Equal(ParsePrompt(p.Prompt).Operations.Count, CotTrace.Parse(p.Solution).Steps.Count));
        Assert.All(plain, p => Assert.All(CotTrace.Parse(p.Solution).Steps, step => Assert.Matches(StepLine(), step)));
        Assert.True(BuiltinTasks.SameProblems("short_cot", "long_cot"));
        Assert.False(BuiltinTasks.SameProblems("arithmetic", "long_cot"));
    }

    [Fact]
    public void ATraceWithoutABoxedLastLineIsRefusedWithWhatWasExpected()
    {
        Assert.Contains("last line", Assert.Throws<FormatException>(() => CotTrace.Parse("Step 1: 1 + 1 = 2.\nThe result is 2.")).Message);
        Assert.Contains("one line", Assert.Throws<FormatException>(() => CotTrace.Parse("\\boxed{2}")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LongCotTask(minOperations: 4, maxOperations: 3));
    }

    static (int Start, List<(char Symbol, int Operand)> Operations) ParsePrompt(string prompt)
    {
        var match = PromptPattern().Match(prompt);
        Assert.True(match.Success, prompt);
        var operations = match.Groups["op"].Captures.Select((c, i) => (c.Value[0], int.Parse(match.Groups["k"].Captures[i].Value))).ToList();
        Assert.Equal(Enumerable.Range(1, operations.Count).Select(i => i.ToString()), match.Groups["i"].Captures.Select(c => c.Value));
        return (int.Parse(match.Groups["start"].Value), operations);
    }

    [GeneratedRegex(@"^Start with (?<start>\d+), then (?:\((?<i>\d)\) (?<op>[+-]) (?<k>\d+)(?:, |\. ))+What is the result\?$")]
    private static partial Regex PromptPattern();

    [GeneratedRegex(@"^Step (?<n>\d): (?<a>\d+) (?<op>[+-]) (?<b>\d+) = (?<c>\d+)\.$")]
    private static partial Regex StepLine();
}
