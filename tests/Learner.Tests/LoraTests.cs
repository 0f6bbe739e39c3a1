using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class LoraTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "posttrain-lora-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void AMergedModelsLogitsEqualBasePlusAdapters()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        var adapters = LoraAdapters.Attach(model, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });
        RandomiseB(adapters);
        using var batch = TokenBatchBuilder.Padded([TinyModel.Sequence(4, 5, 0)]);
        using var noGrad = no_grad();
        var withAdapters = model.forward(batch.Ids);
        var baseline = BaseLogits(model, adapters, batch);

        adapters.MergeAndDetach();
        var merged = model.forward(batch.Ids);

        Assert.True((merged - withAdapters).abs().max().item<double>() < 1e-10);
        Assert.True((merged - baseline).abs().max().item<double>() > 1e-3, "the adapters must change the logits");
        Assert.Equal(0, adapters.Count);
    }

    [Fact]
    public void AdaptersSaveAndLoadInPeftsLayout()
    {
        using var model = TinyModel.Create(ModelFamily.Llama);
        var options = new LoraOptions { Rank = 2, Alpha = 4, Dropout = 0.1, TargetModules = ["q_proj", "v_proj"] };
        var adapters = LoraAdapters.Attach(model, options);
        RandomiseB(adapters);
        PeftAdapterFiles.Save(adapters, _root, "models/base");

        var file = PostTrain.Modeling.Checkpoints.SafetensorsFile.Open(Path.Combine(_root, PeftAdapterFiles.WeightsFile));
        Assert.Equal(8, file.Entries.Count);
        Assert.Equal([2L, 64L], file.Entries["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal([32L, 2L], file.Entries["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"].Shape);
        var config = File.ReadAllText(Path.Combine(_root, PeftAdapterFiles.ConfigFile));
        Assert.Contains("\"peft_type\": \"LORA\"", config);
        Assert.Contains("\"lora_alpha\": 4", config);

        using var other = TinyModel.Create(ModelFamily.Llama);
        var loaded = PeftAdapterFiles.Load(other, _root);
        foreach (var ((name, expected), (_, actual)) in adapters.NamedParameters().Zip(loaded.NamedParameters()))
            Assert.True(expected.bytes.SequenceEqual(actual.bytes), name);
        Assert.Equal(options.TargetModules, loaded.Options.TargetModules);
    }

    [Fact]
    public void OnlyAdaptersTrainAndStreamBpGradientsEqualPlainWithAdapters()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen3);
        var adapters = LoraAdapters.Attach(model, new LoraOptions { Rank = 4, Dropout = 0 });
        RandomiseB(adapters);
        using var batch = TokenBatchBuilder.Padded([TinyModel.Sequence(3, 6, 0), TinyModel.Sequence(2, 4, 1)]);

        var gradients = new[] { BackwardMode.Plain, BackwardMode.StreamBP }.Select(mode =>
        {
            foreach (var (_, p) in adapters.NamedParameters()) p.grad = null;
            SequenceBackward.Run(model, batch, new SftObjective(batch), new BackwardOptions { Mode = mode, HeadChunk = 3, QueryChunk = 4 });
            return adapters.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.grad!.clone());
        }).ToArray();

        Assert.True(TinyModel.RelativeError(gradients[1], gradients[0]) < 1e-10);
        Assert.All(model.parameters(), p => Assert.Null(p.grad));

        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone());
        Assert.Throws<InvalidOperationException>(() => LoraAdapters.Attach(model, new LoraOptions()));
        var loop = new TrainingLoop(new TrainablePolicy(model), new TrainingOptions { Optimizer = new AdamWOptions { LearningRate = 1e-2 } }, adapters);
        var adapterBefore = adapters.NamedParameters().First().Parameter.clone();
        loop.Update(_ => SequenceBackward.Run(model, batch, new SftObjective(batch), new BackwardOptions()));
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.bytes.SequenceEqual(before[name].bytes), $"base parameter {name} changed");
        Assert.False(adapters.NamedParameters().First().Parameter.bytes.SequenceEqual(adapterBefore.bytes));
    }

    // A fresh adapter is zero (B = 0); give B values so the tests see a real update.
    static void RandomiseB(LoraAdapters adapters)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in adapters.NamedParameters())
            if (name.Contains("lora_B")) parameter.normal_(0, 0.1);
    }

    static Tensor BaseLogits(PostTrain.Modeling.Architecture.CausalLanguageModel model, LoraAdapters adapters, TokenBatch batch)
    {
        var targets = model.named_modules().Select(m => m.module).OfType<PostTrain.Modeling.Architecture.Projection>().ToList();
        var saved = targets.Select(t => t.Adapter).ToList();
        foreach (var target in targets) target.Adapter = null;
        var logits = model.forward(batch.Ids);
        for (var i = 0; i < targets.Count; i++) targets[i].Adapter = saved[i];
        return logits;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
