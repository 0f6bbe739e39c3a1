using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Planning;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class MemoryPlannerTests
{
    static readonly DecoderConfig Small = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("small"), 50257, null, [], null, true);

    static MemoryWorkload Sft(int length, BackwardMode mode) => new(Small, ObjectiveKind.Sft, 1, length, new BackwardOptions { Mode = mode });

    [Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    [InlineData(ModelFamily.Llama)]
    public void ParameterCountEqualsTheModels(ModelFamily family)
    {
        var config = RandomModelFactory.Config(family, ModelPresets.Get("small"), 1000, null, [], null, family == ModelFamily.Qwen3);
        using var model = new PostTrain.Modeling.Architecture.CausalLanguageModel(config, PostTrain.Modeling.Architecture.ModelPlacement.Meta());
        Assert.Equal(model.parameters().Sum(p => p.NumberOfElements), MemoryPlanner.ParameterCount(config));
    }

    [Fact]
    public void StaticPartsFollowTheParameterCount()
    {
        var plan = MemoryPlanner.Predict(Sft(128, BackwardMode.StreamBP));
        var parameters = MemoryPlanner.ParameterCount(Small);

        using var model = new PostTrain.Modeling.Architecture.CausalLanguageModel(Small, PostTrain.Modeling.Architecture.ModelPlacement.Meta());
        Assert.Equal(model.parameters().Sum(p => p.NumberOfElements), parameters);
        Assert.Equal(parameters * 4, plan.WeightBytes);
        Assert.Equal(parameters * 4, plan.GradientBytes);
        Assert.Equal(parameters * 8, plan.OptimizerBytes);
        Assert.Equal(MemoryPlanner.RuntimeBytes, plan.RuntimeBytes);
    }

    [Fact]
    public void StreamBpNeedsLessThanCheckpointingWhichNeedsLessThanPlainAtLength()
    {
        var plain = MemoryPlanner.Predict(Sft(4096, BackwardMode.Plain)).ActivationBytes;
        var checkpoint = MemoryPlanner.Predict(Sft(4096, BackwardMode.Checkpoint)).ActivationBytes;
        var stream = MemoryPlanner.Predict(Sft(4096, BackwardMode.StreamBP) with
        {
            Backward = new BackwardOptions { Mode = BackwardMode.StreamBP, HeadChunk = 64, QueryChunk = 128 },
        }).ActivationBytes;

        Assert.True(stream * 3 < checkpoint && checkpoint < plain, $"{stream} < {checkpoint} < {plain}");
        // Logits dominate checkpointing with a 50k vocabulary: at least 3 float32 copies of [tokens, vocab].
        Assert.True(checkpoint > 3L * 4096 * 50257 * 4);
    }

    [Fact]
    public void ChosenChunksFitTheBudgetAndMaxLengthIsTheLastThatFits()
    {
        const long budget = 2L << 30;
        var workload = Sft(8192, BackwardMode.StreamBP);
        var chunks = MemoryPlanner.ChooseChunks(workload, budget);

        Assert.NotNull(chunks);
        Assert.True(MemoryPlanner.Predict(workload with { Backward = chunks }, budget).Fits);
        Assert.Null(MemoryPlanner.ChooseChunks(workload, 100L << 20));
        var longest = MemoryPlanner.MaxLength(Sft(0, BackwardMode.Checkpoint), budget);
        Assert.True(MemoryPlanner.Predict(Sft(longest, BackwardMode.Checkpoint), budget).Fits);
        Assert.False(MemoryPlanner.Predict(Sft(longest + 1, BackwardMode.Checkpoint), budget).Fits);
    }

    [Fact]
    public void ATrainerRefusesAStepThatCannotFitBeforeAnyWork()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2, ScalarType.Float32);
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());
        var trainer = new SftTrainer(model, new SftOptions
        {
            BatchSize = 1,
            Training = new TrainingOptions { Optimizer = new AdamWOptions { LearningRate = 1e-2 }, MemoryBudgetBytes = 100L << 20 },
        });

        var error = Assert.Throws<PlanDoesNotFitException>(() => trainer.Step([TinyModel.Sequence(3, 5, 0)]));

        Assert.Contains("does NOT fit the budget", error.Message);
        Assert.Equal(0, trainer.Loop.Step);
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.bytes.SequenceEqual(before[name].bytes), name);
    }
}
