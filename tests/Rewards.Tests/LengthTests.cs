using PostTrain.Core.Rewards;
using PostTrain.Rewards.Length;

namespace PostTrain.Rewards.Tests;

/// <summary>Each length formula at its boundary points, against the papers' definitions.</summary>
public sealed class LengthTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(500, 0.5)]     // len / lo below the range
    [InlineData(999, 0.999)]
    [InlineData(1000, 1.0)]    // the range's ends score 1
    [InlineData(2000, 1.0)]
    [InlineData(3000, 0.5)]    // (max - len) / (max - hi) above it
    [InlineData(4000, 0.0)]    // at the maximum
    [InlineData(5000, 0.0)]    // clamped past it
    public void LongWriterZeroIsPiecewiseOnTheTargetRange(double length, double expected) =>
        Assert.Equal(expected, LengthScores.LongWriterZero(length, 1000, 2000, 4000), 12);

    [Theory]
    [InlineData(400, 0.0)]     // half of a: 2 * 0.5 - 1
    [InlineData(600, 0.5)]
    [InlineData(800, 1.0)]     // [0.8 L, 1.2 L] for "about 1000"
    [InlineData(1200, 1.0)]
    [InlineData(1500, 0.5)]    // 3 - 2 * 1500 / 1200
    [InlineData(1800, 0.0)]
    [InlineData(2400, 0.0)]
    public void LonGenScoresAboutWindows(double length, double expected) =>
        Assert.Equal(expected, LengthScores.LonGen(length, LonGenWindow.About(1000)), 12);

    [Fact]
    public void LonGenWindowsFollowTheirDefinitions()
    {
        Assert.Equal(new LonGenWindow(300, 450), LonGenWindow.Above(300));
        Assert.Equal(new LonGenWindow(250, 500), LonGenWindow.Below(500));
        Assert.Equal(new LonGenWindow(100, 200), LonGenWindow.Range(100, 200));
    }

    [Theory]
    [InlineData(1000, 100.0)]
    [InlineData(2500, 50.0)]   // 1 - (2.5 - 1) / 3
    [InlineData(4000, 0.0)]    // 1 - (4 - 1) / 3
    [InlineData(8000, 0.0)]
    [InlineData(500, 50.0)]    // 1 - (2 - 1) / 2
    [InlineData(1000.0 / 3, 0.0)]
    [InlineData(0, 0.0)]
    public void LongBenchWriteScoresOverAndUnderLength(double length, double expected) =>
        Assert.Equal(expected, LengthScores.LongBenchWrite(1000, length), 9);

    [Theory]
    [InlineData("Hello, world!", 2)]
    [InlineData("don't stop well-known things", 4)]
    [InlineData("你好世界", 4)]
    [InlineData("日本語のテキスト", 8)]
    [InlineData("한국어 문장", 5)]
    [InlineData("mixed 中文 and English 词", 6)]
    [InlineData("  \n\t ", 0)]
    [InlineData("café naïve 3.14", 4)]
    public void WordsAreCountedWithCjkCharactersAsWords(string text, int expected) =>
        Assert.Equal(expected, WordCounter.Count(text));

    [Fact]
    public async Task LengthRewardScoresByMetadataAndReportsAMissingRange()
    {
        var reward = new LengthReward(maximumLength: 40);
        var inRange = new RewardInput("Write 5 to 10 words.", "one two three four five six")
        {
            Metadata = new Dictionary<string, string> { ["length_min"] = "5", ["length_max"] = "10" },
        };
        var missing = new RewardInput("Write something.", "text");

        var outputs = await reward.ScoreAsync([inRange, missing], CancellationToken.None);

        Assert.Equal(1.0, outputs[0].Score);
        Assert.Equal(6, outputs[0].SubScores["words"]);
        Assert.True(outputs[1].Failed);
        Assert.Contains("length_min", outputs[1].Error);
    }

    [Theory]
    [InlineData("Write a story in 40 to 60 words.", 40, 60)]
    [InlineData("Write an essay between 120 and 150 words long.", 120, 150)]
    [InlineData("A poem, 1,000-1,200 words.", 1000, 1200)]
    [InlineData("Write about 300 words on rivers.", 240, 360)]
    [InlineData("Describe it in 500 words.", 400, 600)]
    [InlineData("Write at least 200 words.", 200, 300)]
    [InlineData("Answer in no more than 100 words.", 50, 100)]
    [InlineData("Keep it under 80 words.", 40, 80)]
    public void PromptRequirementsBecomeLonGenWindows(string prompt, double low, double high)
    {
        var window = LengthRequirement.Parse(prompt);
        Assert.NotNull(window);
        Assert.Equal(low, window.Low, 9);
        Assert.Equal(high, window.High, 9);
    }

    [Theory]
    [InlineData("Write a story about a lighthouse.")]
    [InlineData("Use 3 paragraphs.")]
    [InlineData("Write 60 to 40 words.")]
    public void APromptWithoutAUsableRequirementHasNoWindow(string prompt) => Assert.Null(LengthRequirement.Parse(prompt));

    [Fact]
    public async Task LengthRewardReadsThePromptWhenTheDataCarriesNoRangeAndMeasuresOnlyTheAnswer()
    {
        var reward = new LengthReward(maximumLength: 20);
        var plan = "<think>a plan of many many many many many many many many many many words</think>";
        var inRange = new RewardInput("Write 4 to 6 words.", $"{plan}<answer>one two three four five</answer>");
        var under = new RewardInput("Write 4 to 6 words.", $"{plan}<answer>one two</answer>");
        var over = new RewardInput("Write 4 to 6 words.", "<think></think><answer>" + string.Join(' ', Enumerable.Repeat("w", 13)));

        var outputs = await reward.ScoreAsync([inRange, under, over], CancellationToken.None);

        Assert.Equal(1.0, outputs[0].Score);
        Assert.Equal(5, outputs[0].SubScores["words"]);
        Assert.Equal(2.0 / 4, outputs[1].Score, 12); // len / lo
        Assert.Equal((20.0 - 13) / (20 - 6), outputs[2].Score, 12); // (max - len) / (max - hi), answer left open
    }
}
