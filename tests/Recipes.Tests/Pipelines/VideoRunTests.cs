using PostTrain.Actors.Policy;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Validation;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>Video RL end to end on a tiny model: warm-up trains the encoder, GRPO reads each video once through the cache.</summary>
public sealed class VideoRunTests
{
    static string Recipe(int steps) => $$"""
        name: tiny-video
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin, seed: 0}
          vision: {image_size: 16, patch_size: 8, hidden_size: 16, num_layers: 1, num_heads: 2, intermediate_size: 32, pool: 1}
        data:
          train: {task: moving_shapes, count: 40, seed: 1, frames: 2}
          eval: {task: moving_shapes, count: 4, seed: 2, frames: 2}
          warmup: {task: moving_shapes, count: 16, seed: 3, frames: 2}
        rollout: {group_size: 4, max_response_length: 8, segments: 1, active_samples: 8, temperature: 1.0, seed: 5, truncation: keep}
        algorithm:
          name: grpo
          grpo: {loss_aggregation: token_mean}
          sft: {warmup_steps: 2, warmup_batch_size: 4, warmup_lr: 0.01}
        rewards:
          - {name: think_answer_format, weight: 0.1}
          - {name: answer_match, weight: 0.9}
        learner: {lr: 0.01, total_steps: {{steps}}, batch_size: 2, backward: plain, seed: 3}
        evaluation: {samples: 1, temperature: 1.0}
        logging: {sinks: [jsonl]}
        guards: {truncation_steps: 1000}
        """;

    [Fact]
    public void EachPromptsVideoIsEncodedOnceForAllItsRolloutsAndTheLearner()
    {
        using var folder = new RecipeFolder();
        var before = VideoEncoderCounters.Videos;

        var result = TinyRuns.Run(folder, Recipe(steps: 3));

        var samples = TinyRuns.Summary(result)["samples"]!.AsObject();
        Assert.Equal(0L, (long)samples["lost"]!);
        Assert.Equal(3 * 2 * 4L, (long)samples["trained"]!);
        // Through the grains: one encode per prompt that entered the buffer (G = 4 samples each).
        Assert.Equal((long)samples["started"]! / 4, VideoEncoderCounters.Videos - before);

        // The warm-up trained the projector with the model, and the final model carries the encoder.
        var model = Path.Combine(result.Folder.Root, "model");
        using var trained = VisionEncoderFiles.Load(model, ModelPlacement.Cpu());
        using var initial = new VisionEncoder(trained.Config, ModelPlacement.Cpu(), seed: 0);
        var changed = trained.named_parameters().Zip(initial.named_parameters(), (a, b) => !a.parameter.allclose(b.parameter, rtol: 0, atol: 0)).Count(c => c);
        Assert.True(changed > 0, "the warm-up should have moved the vision encoder's weights");
        using var warmup = VisionEncoderFiles.Load(Path.Combine(result.Folder.Root, "warmup-model"), ModelPlacement.Cpu());
        Assert.All(trained.named_parameters().Zip(warmup.named_parameters()), p => Assert.True(p.First.parameter.allclose(p.Second.parameter, rtol: 0, atol: 0)));
    }

    [Fact]
    public void WithoutTheCacheEveryRolloutAndPrefillEncodesAgain()
    {
        using var folder = new RecipeFolder();
        var before = VideoEncoderCounters.Videos;

        var result = TinyRuns.Run(folder, Recipe(steps: 2), overrides: ["rollout.video_cache=false"]);

        var samples = TinyRuns.Summary(result)["samples"]!.AsObject();
        // Each of G = 4 rollouts encodes; each trained prompt's policy prefill once more (no reference: beta 0).
        var trainedPrompts = (long)samples["trained"]! / 4;
        Assert.Equal((long)samples["started"]! + trainedPrompts, VideoEncoderCounters.Videos - before);
    }

    [Fact]
    public void AVideoTaskWithoutAVisionEncoderIsRefused()
    {
        using var folder = new RecipeFolder();
        var text = Recipe(steps: 1).Replace("  vision: {image_size: 16, patch_size: 8, hidden_size: 16, num_layers: 1, num_heads: 2, intermediate_size: 32, pool: 1}\n", "");

        var error = Assert.Throws<ArgumentException>(() => TinyRuns.Run(folder, text));
        Assert.Contains("shows a video, but the model has no vision encoder; add model.vision", error.Message);
    }

    [Fact]
    public void AVisionConfigThatDoesNotTileIsRefusedAtItsKey()
    {
        var error = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe(steps: 1), "RECIPE.yaml", ["model.vision.pool=3"]));
        Assert.Contains(error.Errors, e => e.ToString().Contains("model.vision.pool") && e.ToString().Contains("not divisible by pool (3)"));
    }

    [Fact]
    public void FramesThatDoNotFillTheTemporalPatchAreRefusedAtTheirKey()
    {
        var ok = RecipeReader.Parse(Recipe(steps: 1), "RECIPE.yaml", ["model.vision.temporal_patch_size=2"]);
        Assert.Equal(2, ok.Model.Vision!.Config(outputSize: 8).TemporalPatchSize);

        var error = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe(steps: 1), "RECIPE.yaml",
            ["model.vision.temporal_patch_size=2", "data.eval.frames=3"]));
        Assert.Contains(error.Errors, e => e.ToString().Contains("data.eval.frames") &&
            e.ToString().Contains("3 frames are not a multiple of model.vision.temporal_patch_size (2)"));
    }
}
