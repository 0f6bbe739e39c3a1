using PostTrain.Core.Rewards;
using PostTrain.Rewards.Format;

namespace PostTrain.Rewards.Tests;

public sealed class FormatTests
{
    static async Task<RewardOutput> Score(IRewardFunction reward, string completion, string? truth = null) =>
        (await reward.ScoreAsync([new RewardInput("p", completion) { GroundTruth = truth }], CancellationToken.None))[0];

    [Theory]
    [InlineData("<think>plan</think><answer>text</answer>", 1)]
    [InlineData("  <think>a\nb</think>\n<answer>c</answer>\n", 1)]
    [InlineData("<answer>text</answer><think>plan</think>", 0)]
    [InlineData("<think>a</think><answer>b</answer><answer>c</answer>", 0)]
    [InlineData("<think>a</think><think>b</think><answer>c</answer>", 0)]
    [InlineData("<think>a</think>text<answer>b</answer>", 0)]
    [InlineData("no tags at all", 0)]
    public async Task ThinkThenAnswerIsTheOnlyAcceptedShape(string completion, double expected) =>
        Assert.Equal(expected, (await Score(new ThinkAnswerFormatReward(), completion)).Score);

    [Theory]
    [InlineData("<think>it moves to the left</think><answer>Left</answer>", "left", 1)]
    [InlineData("<think>x</think><answer> red </answer>", "red", 1)]
    [InlineData("<think>x</think><answer>right</answer>", "left", 0)]
    [InlineData("<think>x</think><answer>left", "left", 1)]
    [InlineData("left", "left", 1)]
    [InlineData("<think>left</think>", "left", 0)]
    public async Task AnswerMatchComparesTheAnswerTagWithTheTruth(string completion, string truth, double expected) =>
        Assert.Equal(expected, (await Score(new AnswerMatchReward(), completion, truth)).Score);

    [Fact]
    public async Task LongWriterFormatChargesRepeatedContent()
    {
        var paragraph = "the quick brown fox jumps over the lazy dog near the river bank";
        var fresh = $"<think>plan</think><answer>{paragraph}</answer>";
        var copied = $"<think>plan</think><answer>{paragraph} {paragraph}</answer>";

        var clean = await Score(new LongWriterFormatReward(), fresh);
        var repeated = await Score(new LongWriterFormatReward(), copied);

        Assert.Equal(1.0, clean.Score);
        // 13 words twice: 19 eight-grams, of which the 6 lying wholly inside the copy repeat the first 6.
        Assert.Equal(1 - 6 / 19.0, repeated.Score, 12);
        Assert.Equal(0, (await Score(new LongWriterFormatReward(), paragraph)).Score);
    }

    [Fact]
    public void RepeatedShareCountsEightGramsSeenBefore()
    {
        var words = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"w{i}"));
        Assert.Equal(0, LongWriterFormatReward.RepeatedShare(words));
        // "a b c d e f g h a b c d e f g h": 9 eight-grams, the last (a..h) repeats the first.
        Assert.Equal(1 / 9.0, LongWriterFormatReward.RepeatedShare("a b c d e f g h a b c d e f g h"), 12);
    }

    [Fact]
    public async Task ExactMatchAndRegexRewards()
    {
        Assert.Equal(1, (await Score(new ExactMatchReward(), " Paris ", "paris")).Score);
        Assert.Equal(0, (await Score(new ExactMatchReward(ignoreCase: false), "Paris", "paris")).Score);
        Assert.True((await Score(new ExactMatchReward(), "Paris")).Failed);
        Assert.Equal(1, (await Score(new RegexReward("has_number", @"\d+"), "it is 42")).Score);
        Assert.Equal(0, (await Score(new RegexReward("has_number", @"\d+"), "forty-two")).Score);
    }
}
