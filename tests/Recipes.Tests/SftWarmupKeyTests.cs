using PostTrain.Learner.Backward;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests;

/// <summary>The SFT warm-up also runs before algorithm sft (a LoRA SFT on top of a warmed-up model), with its own backward.</summary>
public sealed class SftWarmupKeyTests
{
    [Fact]
    public void AWarmUpBeforeSftNeedsWarmUpData()
    {
        var error = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Sft, "sft.yaml", ["algorithm.sft.warmup_steps=5"]));

        Assert.Contains("algorithm.sft.warmup_steps: an SFT warm-up needs data.warmup", error.Message);
    }

    [Fact]
    public void TheWarmUpBackwardDefaultsToTheLearnersAndCanBeChosen()
    {
        var warmup = new[] { "algorithm.sft.warmup_steps=5", "data.warmup={task: arithmetic}", "learner.backward=streambp" };

        var inherited = RecipeReader.Parse(Minimal.Sft, "sft.yaml", warmup);
        var plain = RecipeReader.Parse(Minimal.Sft, "sft.yaml", [.. warmup, "algorithm.sft.warmup_backward=plain"]);

        Assert.Null(inherited.Algorithm.SftWarmupBackward);
        Assert.Equal(BackwardMode.Plain, plain.Algorithm.SftWarmupBackward);
        Assert.Equal(BackwardMode.StreamBP, plain.Training.Backward.Mode);
        Assert.Contains("expected one of plain, checkpoint, streambp",
            Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Sft, "sft.yaml", [.. warmup, "algorithm.sft.warmup_backward=fast"])).Message);
    }
}
