using PostTrain.Core.Rewards;
using PostTrain.Rewards.Verification;

namespace PostTrain.Rewards.Tests;

/// <summary>Table-driven cases for <c>math_verify</c>: equivalent and not, over the forms the issue lists.</summary>
public sealed class MathVerifierTests
{
    public static TheoryData<string, string, bool> Cases() => new()
    {
        // integers, signs, spaces
        { "42", "42", true },
        { "+42", "42", true },
        { "-7", "-7", true },
        { "−7", "-7", true },
        { "-7", "7", false },
        { "41", "42", false },
        { " 42 ", "42", true },
        // decimals and tolerance
        { "0.5", "0.5", true },
        { ".5", "0.5", true },
        { "0.50", "0.5", true },
        { "3.14159265", "3.14159265", true },
        { "0.333", "1/3", false },
        { "0.333333333", "\\frac{1}{3}", true },
        { "2.0", "2", true },
        { "2.01", "2", false },
        // thousands separators
        { "1,234", "1234", true },
        { "1,234,567", "1234567", true },
        { "12,345.5", "12345.5", true },
        { "1,234", "1.234", false },
        // fractions
        { "\\frac{1}{2}", "0.5", true },
        { "\\dfrac{3}{4}", "0.75", true },
        { "\\tfrac{3}{4}", "3/4", true },
        { "3/4", "0.75", true },
        { "\\frac12", "1/2", true },
        { "-\\frac{2}{3}", "-2/3", true },
        { "\\frac{-2}{3}", "-\\frac{2}{3}", true },
        { "\\frac{2}{3}", "\\frac{3}{2}", false },
        { "6/8", "3/4", true },
        { "\\frac{1}{2}", "\\frac{1}{3}", false },
        // mixed numbers
        { "1 1/2", "1.5", true },
        { "2 3/4", "\\frac{11}{4}", true },
        { "1 1/2", "1.25", false },
        // percentages
        { "50%", "50", true },
        { "50\\%", "0.5", true },
        { "25%", "0.5", false },
        { "12.5%", "12.5", true },
        // radicals and pi
        { "\\sqrt{2}", "1.41421356237", true },
        { "2\\sqrt{3}", "\\sqrt{12}", true },
        { "\\sqrt{8}", "2\\sqrt{2}", true },
        { "\\sqrt2", "\\sqrt{2}", true },
        { "3\\sqrt{2}", "2\\sqrt{3}", false },
        { "\\frac{\\sqrt{3}}{2}", "0.8660254038", true },
        { "2\\pi", "6.28318530718", true },
        { "\\frac{\\pi}{2}", "\\pi/2", true },
        { "3\\pi/4", "\\frac{3\\pi}{4}", true },
        { "\\pi", "3.14", false },
        { "4\\pi", "2\\pi", false },
        // units and wrappers
        { "5 cm", "5", true },
        { "5\\text{ cm}", "5", true },
        { "90^\\circ", "90", true },
        { "90°", "90", true },
        { "\\$12", "12", true },
        { "12 dollars", "12", true },
        { "$\\frac{1}{4}$", "0.25", true },
        { "x = 5", "5", true },
        { "y=-3", "-3", true },
        { "x = 5", "6", false },
        // powers and products
        { "2^{10}", "1024", true },
        { "3 \\cdot 4", "12", true },
        { "2\\times 5", "10", true },
        { "10^3", "1000", true },
        { "2^{10}", "1000", false },
        // non-numeric answers fall back to normalised text
        { "(1, 2)", "(1,2)", true },
        { "\\text{Yes}", "yes", true },
        { "A", "B", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnswersAreComparedAsNumbersWhenTheyAreNumbers(string answer, string truth, bool equivalent) =>
        Assert.Equal(equivalent, MathVerifier.Equivalent(answer, truth));

    [Fact]
    public void ThereAreAtLeastSixtyCasesOfBothKinds()
    {
        var cases = Cases().Select(row => (bool)row[2]).ToList();
        Assert.True(cases.Count >= 60, $"{cases.Count} cases");
        Assert.True(cases.Count(c => !c) >= 15);
    }

    [Theory]
    [InlineData("So the result is \\boxed{\\frac{1}{2}}.", "\\frac{1}{2}")]
    [InlineData("First \\boxed{3}, then corrected: \\boxed{4}", "4")]
    [InlineData("<think>hmm</think><answer> 17 </answer>", "17")]
    [InlineData("Adding these, the answer is 12.\nDone.", "12")]
    [InlineData("Therefore the final answer is: 3/4", "3/4")]
    public void TheFinalAnswerIsExtracted(string completion, string expected) =>
        Assert.Equal(expected, AnswerExtractor.Extract(completion));

    [Fact]
    public async Task TheRewardScoresOneZeroAndSaysWhenNoAnswerWasFound()
    {
        var reward = new MathVerifier();
        var outputs = await reward.ScoreAsync([
            new RewardInput("1+1?", "It is \\boxed{2}") { GroundTruth = "2" },
            new RewardInput("1+1?", "It is \\boxed{3}") { GroundTruth = "2" },
            new RewardInput("1+1?", "I am not sure.") { GroundTruth = "2" },
            new RewardInput("1+1?", "\\boxed{2}"),
        ], CancellationToken.None);

        Assert.Equal(1, outputs[0].Score);
        Assert.Equal(0, outputs[1].Score);
        Assert.Equal(0, outputs[2].Score);
        Assert.Contains("no final answer", outputs[2].Note);
        Assert.True(outputs[3].Failed);
        Assert.Equal("math_verify", reward.Name);
    }
}
