using PostTrain.Recipes.Evaluation;

namespace PostTrain.Recipes.Tests.Evaluation;

public sealed class AccuracyTests
{
    [Fact]
    public void AvgAtKIsTheMeanShareOfCorrectAnswersAndPassAtKTheShareOfPromptsWithOne()
    {
        // Three prompts, k = 4: 2 of 4 correct, 0 of 4, 4 of 4.
        bool[] correct = [true, false, true, false, false, false, false, false, true, true, true, true];

        var (avg, pass) = Evaluator.Accuracies(correct, 4);

        Assert.Equal(100.0 * (0.5 + 0 + 1) / 3, avg, 9);
        Assert.Equal(100.0 * 2 / 3, pass, 9);
    }

    [Fact]
    public void AnswersThatAreNotWholeGroupsAreRefused() =>
        Assert.Throws<ArgumentException>(() => Evaluator.Accuracies([true, false, true], 2));
}
