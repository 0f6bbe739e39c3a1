using PostTrain.Learner.Batches;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>
/// An SFT step on a video prompt trains the language model and the part of the vision tower asked for, and only that:
/// the rest of the tower keeps its weights bit for bit and gets no gradient.
/// </summary>
public sealed class TrainableVisionPolicyTests
{
    const int Placeholder = 96;

    [Theory]
    [InlineData(VisionTraining.Projector, new[] { "projector" })]
    [InlineData(VisionTraining.Encoder, new[] { "patch_embed", "pos_embed", "blocks", "norm", "projector" })]
    [InlineData(VisionTraining.None, new string[0])]
    public void AStepMovesTheChosenPartOfTheTowerAndNothingElse(VisionTraining part, string[] trained)
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        var config = new VisionConfig { ImageSize = 16, PatchSize = 4, HiddenSize = 16, NumLayers = 1, NumHeads = 2, IntermediateSize = 32, Pool = 2, OutputSize = (int)model.Config.HiddenSize };
        using var vision = new VisionEncoder(config, ModelPlacement.Cpu(ScalarType.Float64), seed: 4);
        var before = vision.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var modelBefore = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var clip = new VideoClip(2, 16, 16, Enumerable.Range(0, 2 * 16 * 16 * 3).Select(i => (byte)(i * 37 % 251)).ToArray());
        var sequence = TinyModel.Sequence(12, 6, 0);
        var prompt = sequence.PromptIds.ToArray();
        var count = 2 * config.TokensPerFrame;
        for (var i = 1; i <= count; i++) prompt[i] = Placeholder;
        var video = new PromptEmbedding(1, count, () => vision.Encode(FramePreprocessor.ToPixels(clip, config)));
        sequence = sequence with { PromptIds = prompt, PromptEmbeddings = [video] };

        var trainable = new TrainableVisionPolicy(model, vision, part);
        var trainer = new SftTrainer(model, new SftOptions { BatchSize = 1, Training = new TrainingOptions { TotalSteps = 1 } }, trainable);
        trainer.Step([sequence]);

        Assert.Equal(model.named_parameters().Count() + vision.named_parameters().Count(p => trained.Any(t => p.name.StartsWith(t, StringComparison.Ordinal))),
            trainable.NamedParameters().Count());
        foreach (var (name, parameter) in vision.named_parameters())
        {
            var moved = !parameter.allclose(before[name], rtol: 0, atol: 0);
            var shouldTrain = trained.Any(t => name.StartsWith(t, StringComparison.Ordinal));
            // Biases and norms start at constants, but one AdamW step moves every parameter that has a gradient.
            Assert.True(moved == shouldTrain, $"{part}: visual.{name} moved={moved}, expected {shouldTrain}");
            if (!shouldTrain) Assert.True(parameter.grad is null, $"{part}: frozen visual.{name} got a gradient");
        }
        Assert.True(model.named_parameters().Count(p => !p.parameter.allclose(modelBefore[p.name], rtol: 0, atol: 0)) > 0);
    }
}
