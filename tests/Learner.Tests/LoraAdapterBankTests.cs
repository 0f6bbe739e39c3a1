using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>Two adapter sets on one base model (Self-Lengthen's Generator and Extender), switched by attaching one at a time.</summary>
public sealed class LoraAdapterBankTests
{
    static readonly LoraOptions Options = new() { Rank = 4, Alpha = 8, Dropout = 0 };

    [Fact]
    public void SwitchingGivesExactlyEachSetsLogitsAndDeactivatingGivesTheBase()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        using var batch = TokenBatchBuilder.Padded([TinyModel.Sequence(4, 5, 0), TinyModel.Sequence(3, 2, 1)]);
        var baseLogits = Logits(model, batch);
        var bank = LoraAdapterBank.Create(model, Options, ["generator", "extender"]);
        Assert.Null(bank.Active);
        Randomise(bank["generator"], seed: 1);
        Randomise(bank["extender"], seed: 2);
        var expectedGenerator = AloneLogits(bank["generator"], batch);
        var expectedExtender = AloneLogits(bank["extender"], batch);

        Assert.True(Same(Logits(model, batch), baseLogits), "a bank with no active set must compute as the base model");
        bank.Activate("generator");
        Assert.True(Same(Logits(model, batch), expectedGenerator));
        bank.Activate("extender");
        Assert.True(Same(Logits(model, batch), expectedExtender));
        Assert.False(bank["generator"].IsAttached);
        bank.Activate("generator");
        Assert.True(Same(Logits(model, batch), expectedGenerator));
        bank.Deactivate();
        Assert.True(Same(Logits(model, batch), baseLogits));

        Assert.True((expectedGenerator - expectedExtender).abs().max().item<double>() > 1e-3, "the two sets must differ");
        Assert.True((expectedGenerator - baseLogits).abs().max().item<double>() > 1e-3, "the sets must change the logits");
    }

    [Fact]
    public void TrainingTheActiveSetLeavesTheOtherSetAndTheBaseUnchanged()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen3);
        var bank = LoraAdapterBank.Create(model, Options, ["generator", "extender"]);
        Randomise(bank["extender"], seed: 3);
        var extenderBefore = bank["extender"].NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.clone());
        var baseBefore = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());

        var generator = bank.Activate("generator");
        var trainer = new SftTrainer(model, new SftOptions { BatchSize = 2, Training = new TrainingOptions { TotalSteps = 3 } }, generator);
        trainer.Train([TinyModel.Sequence(3, 6, 0), TinyModel.Sequence(2, 5, 1)]);

        Assert.Contains(generator.NamedParameters(), p => p.Name.Contains("lora_B") && p.Parameter.abs().max().item<double>() > 0);
        foreach (var (name, parameter) in bank["extender"].NamedParameters())
            Assert.True(parameter.bytes.SequenceEqual(extenderBefore[name].bytes), $"extender {name} changed");
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.bytes.SequenceEqual(baseBefore[name].bytes), $"base {name} changed");
    }

    [Fact]
    public void ASetCannotAttachOverAnotherOrTrainWhileDetached()
    {
        using var model = TinyModel.Create(ModelFamily.Llama);
        var bank = LoraAdapterBank.Create(model, Options, ["generator", "extender"]);
        bank.Activate("generator");

        Assert.Throws<InvalidOperationException>(() => bank["extender"].Reattach());
        Assert.Throws<ArgumentException>(() => new SftTrainer(model, new SftOptions(), bank["extender"]));
        Assert.Throws<InvalidOperationException>(() => bank["extender"].MergeAndDetach());
        Assert.Throws<KeyNotFoundException>(() => bank.Activate("critic"));
        Assert.Throws<ArgumentException>(() => LoraAdapterBank.Create(model, Options, ["a", "a"]));
    }

    static Tensor Logits(PostTrain.Modeling.Architecture.CausalLanguageModel model, TokenBatch batch)
    {
        using var noGrad = no_grad();
        return model.forward(batch.Ids).detach().contiguous().clone();
    }

    // The same base weights (same seed) with only this set's weights attached.
    static Tensor AloneLogits(LoraAdapters set, TokenBatch batch)
    {
        using var alone = TinyModel.Create(ModelFamily.Qwen2);
        var adapters = LoraAdapters.Attach(alone, Options);
        adapters.Load(set.NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter), "bank");
        return Logits(alone, batch);
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.bytes.SequenceEqual(b.bytes);

    static void Randomise(LoraAdapters set, int seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, parameter) in set.NamedParameters())
            if (name.Contains("lora_B")) parameter.copy_(randn(parameter.shape, parameter.dtype, generator: generator) * 0.1);
    }
}
