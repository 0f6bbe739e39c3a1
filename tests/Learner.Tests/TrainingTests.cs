using PostTrain.Learner.Batches;
using PostTrain.Learner.Checkpoints;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class TrainingTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "posttrain-learner-tests", Guid.NewGuid().ToString("N"));

    static readonly TrainingSequence[] Dataset = Enumerable.Range(0, 12).Select(i => TinyModel.Sequence(2 + i % 3, 3 + i % 4, i)).ToArray();

    static SftOptions Options(string? output) => new()
    {
        BatchSize = 4,
        Training = new TrainingOptions
        {
            Optimizer = new AdamWOptions { LearningRate = 1e-2, WeightDecay = 0.01 },
            Schedule = ScheduleKind.Cosine,
            WarmupRatio = 0.25,
            TotalSteps = 4,
            GradientAccumulation = 2,
            OutputDirectory = output,
            SaveEvery = 2,
            Seed = 3,
        },
    };

    [Fact]
    public void SftLowersTheLossOnItsData()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2, ScalarType.Float32);
        var trainer = new SftTrainer(model, Options(null) with { Training = Options(null).Training with { TotalSteps = 12, Schedule = ScheduleKind.Constant } });

        var results = trainer.Train(Dataset);

        Assert.Equal(12, results.Count);
        Assert.True(results[^1].Loss < results[0].Loss * 0.8, $"loss went from {results[0].Loss} to {results[^1].Loss}");
    }

    [Fact]
    public void ResumingFromACheckpointGivesTheSameWeightsAsNotStopping()
    {
        var uninterrupted = Path.Combine(_root, "a");
        using var model = TinyModel.Create(ModelFamily.Llama, ScalarType.Float32);
        new SftTrainer(model, Options(uninterrupted)).Train(Dataset);
        var expected = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());

        // A new process: other initial weights, only the step-2 checkpoint on disk.
        var resumed = Path.Combine(_root, "b");
        CopyDirectory(Path.Combine(uninterrupted, "checkpoint-2"), Path.Combine(resumed, "checkpoint-2"));
        File.WriteAllText(Path.Combine(resumed, TrainingCheckpoint.LatestFile), "checkpoint-2");
        using var other = TinyModel.Create(ModelFamily.Llama, ScalarType.Float32, seed: 1234);
        var trainer = new SftTrainer(other, Options(resumed));
        Assert.Equal(2, trainer.Loop.Resume()!.Step);
        trainer.Train(Dataset);

        foreach (var (name, parameter) in other.named_parameters())
            Assert.True(parameter.bytes.SequenceEqual(expected[name].bytes), $"{name} differs after resuming");
        Assert.True(Directory.Exists(Path.Combine(resumed, "checkpoint-4")));
    }

    [Fact]
    public void ANonFiniteLossStopsTheStepAndLeavesWeightsAndCheckpointsIntact()
    {
        var output = Path.Combine(_root, "nan");
        using var model = TinyModel.Create(ModelFamily.Qwen3, ScalarType.Float32);
        var trainer = new SftTrainer(model, Options(output));
        trainer.Step(trainer.BatchAt(Dataset, 0));
        trainer.Step(trainer.BatchAt(Dataset, 1));
        var checkpointBytes = File.ReadAllBytes(Path.Combine(output, "checkpoint-2", "model.safetensors"));
        using (no_grad()) model.Backbone.Norm.Weight.fill_(float.NaN);
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());

        var error = Assert.Throws<NonFiniteGradientException>(() => trainer.Step(trainer.BatchAt(Dataset, 2)));

        Assert.Contains("step 3", error.Message);
        Assert.Equal(2, trainer.Loop.Step);
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.bytes.SequenceEqual(before[name].bytes), name);
        Assert.Equal(checkpointBytes, File.ReadAllBytes(Path.Combine(output, "checkpoint-2", "model.safetensors")));
        Assert.Equal("checkpoint-2", File.ReadAllText(Path.Combine(output, TrainingCheckpoint.LatestFile)));
    }

    static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
