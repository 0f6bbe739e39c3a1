using PostTrain.Learner.Backward;
using PostTrain.Learner.Training;
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

    [Fact]
    public void TheWarmUpTrainsAVisionTowersProjectorUnlessToldOtherwise()
    {
        var warmup = new[] { "algorithm.sft.warmup_steps=5", "data.warmup={task: arithmetic}" };

        Assert.Equal(VisionTraining.Projector, RecipeReader.Parse(Minimal.Sft, "sft.yaml", warmup).Algorithm.SftWarmupVision);
        Assert.Equal(VisionTraining.Encoder,
            RecipeReader.Parse(Minimal.Sft, "sft.yaml", [.. warmup, "algorithm.sft.warmup_vision=encoder"]).Algorithm.SftWarmupVision);
        Assert.Equal(VisionTraining.None,
            RecipeReader.Parse(Minimal.Sft, "sft.yaml", [.. warmup, "algorithm.sft.warmup_vision=none"]).Algorithm.SftWarmupVision);
        Assert.Contains("expected one of projector, encoder, none",
            Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Sft, "sft.yaml", [.. warmup, "algorithm.sft.warmup_vision=vit"])).Message);
    }
}
