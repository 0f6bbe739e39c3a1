using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>Each trainer moves its model the way its objective says, on a task small enough to see it.</summary>
public sealed class TrainerTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "posttrain-trainer-tests", Guid.NewGuid().ToString("N"));

    static readonly PreferencePair[] Pairs = Enumerable.Range(0, 8).Select(i => new PreferencePair(
        [1 + i, 20 + i], [40, 41, 42 + i % 3], [70, 71, 72 + i % 2])).ToArray();

    static TrainingOptions Training(int steps) => new()
    {
        Optimizer = new AdamWOptions { LearningRate = 5e-3 }, TotalSteps = steps,
    };

    [Fact]
    public void RewardModelLearnsToRankAndSavesInSequenceClassificationLayout()
    {
        using var model = RewardFrom(TinyModel.Create(ModelFamily.Qwen2, ScalarType.Float32));
        var trainer = new RewardTrainer(model, new PreferenceOptions { BatchSize = 8, Training = Training(15) });
        var before = trainer.Accuracy(Pairs);

        var losses = Enumerable.Range(0, 15).Select(_ => trainer.Step(Pairs).Loss).ToList();

        Assert.True(trainer.Accuracy(Pairs) == 1.0, $"accuracy {trainer.Accuracy(Pairs)} (was {before})");
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]} -> {losses[^1]}");
        RewardModelFiles.Save(model, _root);
        Assert.Contains("Qwen2ForSequenceClassification", File.ReadAllText(Path.Combine(_root, "config.json")));
        using var loaded = RewardModelFiles.Load(_root);
        using var batch = PreferencePair.Batch(Pairs);
        using var noGrad = no_grad();
        Assert.True((loaded.Forward(batch.Ids, batch.Layout) - model.Forward(batch.Ids, batch.Layout)).abs().max().item<float>() == 0);
    }

    [Fact]
    public void RewardScoresComeFromTheLastRealTokenWhateverThePadding()
    {
        using var model = RewardFrom(TinyModel.Create(ModelFamily.Llama, ScalarType.Float64));
        using var padded = TokenBatchBuilder.Padded([new TrainingSequence([3, 4], [5]), new TrainingSequence([3, 4], [5, 6, 7, 8])]);
        using var noGrad = no_grad();

        var scores = model.Forward(padded.Ids, padded.Layout);

        Assert.Equal(model.forward(tensor(new long[] { 3, 4, 5 }).unsqueeze(0)).item<double>(), scores[0].item<double>(), 10);
        Assert.Equal(model.forward(tensor(new long[] { 3, 4, 5, 6, 7, 8 }).unsqueeze(0)).item<double>(), scores[1].item<double>(), 10);
    }

    [Fact]
    public void DpoRaisesTheChosenOverRejectedMargin()
    {
        using var policy = TinyModel.Create(ModelFamily.Llama, ScalarType.Float32);
        using var reference = TinyModel.Create(ModelFamily.Llama, ScalarType.Float32);
        var trainer = new DpoTrainer(policy, reference, new PreferenceOptions
        {
            BatchSize = 8, Training = Training(10) with { GradientAccumulation = 2 }, Dpo = new DpoOptions { Beta = 0.5 },
        });

        var first = trainer.Step(Pairs).Loss;
        for (var i = 0; i < 9; i++) trainer.Step(Pairs);
        var last = trainer.Step(Pairs).Loss;

        Assert.Equal(Math.Log(2), first, 6); // policy == reference: every margin is 0
        Assert.True(last < 0.5 * first, $"DPO loss {first} -> {last}");
    }

    [Fact]
    public void GrpoRaisesTheLikelihoodOfRewardedCompletions()
    {
        using var policy = TinyModel.Create(ModelFamily.Qwen3, ScalarType.Float32);
        var samples = Enumerable.Range(0, 4).SelectMany(p => new[]
        {
            new GrpoSample([p + 1, 9], [30, 31, 32], Reward: 1.0),
            new GrpoSample([p + 1, 9], [60, 61, 62], Reward: 0.0),
        }).ToArray();
        var trainer = new GrpoTrainer(policy, null, new GrpoTrainerOptions
        {
            GroupSize = 2,
            Training = Training(8),
            Grpo = new GrpoOptions { ClipEpsilonHigh = 0.28, Dmmpt = new DmmptOptions() },
        });
        var before = Margin(policy, samples);

        for (var i = 0; i < 8; i++) trainer.Step(samples);

        Assert.True(Margin(policy, samples) > before + 1.0, $"log-prob margin {before} -> {Margin(policy, samples)}");
    }

    [Fact]
    public void GrpoWithLoraRaisesTheLikelihoodOfRewardedCompletionsThroughTheAdaptersAlone()
    {
        using var policy = TinyModel.Create(ModelFamily.Qwen3, ScalarType.Float32);
        var baseWeights = policy.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var adapters = LoraAdapters.Attach(policy, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });
        var samples = Enumerable.Range(0, 4).SelectMany(p => new[]
        {
            new GrpoSample([p + 1, 9], [30, 31, 32], Reward: 1.0),
            new GrpoSample([p + 1, 9], [60, 61, 62], Reward: 0.0),
        }).ToArray();
        var trainer = new GrpoTrainer(policy, null, new GrpoTrainerOptions { GroupSize = 2, Training = Training(8) }, adapters);
        var before = Margin(policy, samples);

        for (var i = 0; i < 8; i++) trainer.Step(samples);

        Assert.True(Margin(policy, samples) > before + 1.0, $"log-prob margin {before} -> {Margin(policy, samples)}");
        Assert.All(policy.named_parameters(), p => Assert.True(p.parameter.allclose(baseWeights[p.name], rtol: 0, atol: 0), $"{p.name} changed"));
        Assert.Throws<ArgumentException>(() =>
        {
            adapters.Detach();
            _ = new GrpoTrainer(policy, null, new GrpoTrainerOptions { GroupSize = 2, Training = Training(8) }, adapters);
        });
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean)]
    [InlineData(LossAggregation.SeqMeanTokenMean)]
    public void AMaskedSampleAddsNothingToTheLossOrItsDenominators(LossAggregation aggregation)
    {
        // [kept, masked] must give the gradient of [kept, kept]: the mean over one row equals the mean over two equal rows.
        var kept = new GrpoSample([3, 9], [30, 31, 32], Reward: 1.0) { Advantage = 1.0 };
        var masked = new GrpoSample([4, 9], [60, 61, 62, 63, 64], Reward: 0.0) { Advantage = -1.0, Learned = false };

        var withMasked = GradientNorm([kept, masked], aggregation);
        var twiceKept = GradientNorm([kept, kept], aggregation);
        var maskedLearned = GradientNorm([kept, masked with { Learned = true }], aggregation);

        Assert.Equal(twiceKept, withMasked, 5);
        Assert.True(Math.Abs(maskedLearned - withMasked) > 1e-3, $"{maskedLearned} vs {withMasked}");
    }

    static double GradientNorm(GrpoSample[] samples, LossAggregation aggregation)
    {
        using var policy = TinyModel.Create(ModelFamily.Qwen2, ScalarType.Float64);
        var trainer = new GrpoTrainer(policy, null, new GrpoTrainerOptions
        {
            GroupSize = 2,
            Training = Training(1) with { MaxGradNorm = null },
            Grpo = new GrpoOptions { Aggregation = aggregation },
        });
        return trainer.Step(samples).GradientNorm;
    }

    static double Margin(CausalLanguageModel policy, IReadOnlyList<GrpoSample> samples)
    {
        using var batch = TokenBatchBuilder.Padded(samples.Select(s => new TrainingSequence(s.PromptIds, s.CompletionIds)).ToList());
        var sums = DpoStep.SequenceLogProbs(policy, batch).to(ScalarType.Float64).data<double>().ToArray();
        return samples.Select((s, i) => s.Reward > 0 ? sums[i] : -sums[i]).Sum();
    }

    RewardModel RewardFrom(CausalLanguageModel policy)
    {
        var folder = Path.Combine(_root, "policy");
        ModelSaver.Save(policy, folder);
        policy.Dispose();
        return RewardModelFiles.Load(folder, seed: 1);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
