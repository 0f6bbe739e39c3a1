using System.Text.Json.Nodes;
using PostTrain.Actors.Policy;
using PostTrain.Learner.Lora;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Tokenization;
using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Validation;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>GRPO with <c>learner.lora</c>: only the adapters train, workers decode the adapted policy, the saved model is merged.</summary>
public sealed class GrpoLoraTests
{
    static readonly string[] Lora = ["learner.lora.enabled=true", "learner.lora.rank=4", "learner.lora.alpha=8", "learner.lora.dropout=0"];

    [Fact]
    public void APublishedPolicyDecodesAsTheModelWithItsAdapters()
    {
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("tiny"), TokenizerFactory.Load("builtin").VocabSize, null, [], null, false);
        using var model = RandomModelFactory.Create(config, ModelPlacement.Cpu(), 5);
        var adapters = LoraAdapters.Attach(model, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0 });
        using (no_grad())
        {
            var generator = new Generator(7);
            foreach (var (name, parameter) in adapters.NamedParameters())
                if (name.Contains("lora_B")) parameter.copy_(randn(parameter.shape, parameter.dtype, generator: generator) * 0.5);
        }
        var baseWeights = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        var snapshot = PolicySnapshot.Capture(model, version: 1);
        using var worker = new CausalLanguageModel(config, ModelPlacement.Cpu());
        PolicyWeights.Share(worker, snapshot.Tensors);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[] { 5, 17, 101, 42, 9, 77, 120, 3 }).unsqueeze(0);
        var adapted = model.Forward(ids);
        Assert.True(adapted.allclose(worker.Forward(ids), rtol: 0, atol: 1e-4), "the worker's copy decodes as the model with its adapters");
        adapters.Detach();
        Assert.False(model.Forward(ids).allclose(adapted, rtol: 0, atol: 1e-2), "the adapters change the logits, so the check above can fail");
        // Capturing merges into the copy only: the learner's base weights are untouched.
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.allclose(baseWeights[p.name], rtol: 0, atol: 0), $"{p.name} changed"));
    }

    [Fact]
    public void OnlyTheAdaptersTrainTheWorkersDecodeThemAndTheSavedModelIsTheBaseWithThemMerged()
    {
        using var folder = new RecipeFolder();
        // One segment and one update's samples a rollout step: every token trains under the version that sampled it, so with SAIS the learner's log-prob
        // of each sampled token (through its adapters) must equal the worker's, which decoded the published copy.
        var result = TinyRuns.Run(folder, TinyRuns.Grpo(steps: 6, extra: "checkpoints: {every: 6, keep: 1}"),
            overrides: [.. Lora, "learner.lr=0.05", "algorithm.grpo.importance_sampling=sais", "rollout.segments=1", "rollout.active_samples=8"]);

        var updates = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(row => (string)row["phase"]! == "grpo").ToList();
        Assert.Equal(6, updates.Count);
        Assert.All(updates, row => Assert.InRange((double)row["kl"]!, -1e-5, 1e-5));
        var checkpoint = Path.Combine(result.Folder.Root, "checkpoints", "checkpoint-6");
        var baseModel = Read(Path.Combine(checkpoint, "model.safetensors"));
        var adapter = Read(Path.Combine(checkpoint, "adapter", PeftAdapterFiles.WeightsFile));
        var saved = Read(Path.Combine(result.Folder.Root, "model", "model.safetensors"));

        Assert.Equal(baseModel.Keys.Order(), saved.Keys.Order());
        var merged = 0;
        foreach (var (name, weight) in saved)
        {
            var module = name[..^".weight".Length];
            if (adapter.TryGetValue($"base_model.model.{module}.lora_A.weight", out var a))
            {
                var b = adapter[$"base_model.model.{module}.lora_B.weight"];
                Assert.True(b.abs().max().item<float>() > 0, $"{module}'s adapter did not train");
                Assert.True(weight.allclose(baseModel[name] + b.matmul(a) * (8.0 / 4), rtol: 0, atol: 1e-6), $"{name} is not the base plus its adapter");
                merged++;
            }
            else Assert.True(weight.allclose(baseModel[name], rtol: 0, atol: 0), $"{name} changed, though only adapters train");
        }
        Assert.Equal(7 * 2, merged); // the tiny preset's 2 layers x all 7 linear projections
    }

    [Fact]
    public void AResumedLoraRunEndsAsARunThatNeverStopped()
    {
        using var folder = new RecipeFolder();
        var recipe = TinyRuns.Grpo(steps: 4, extra: "checkpoints: {every: 2, keep: 2}");

        var whole = TinyRuns.Run(folder, recipe, "whole", overrides: Lora);
        Assert.True(TinyRuns.Run(folder, recipe, "split", new RunOptions { StopAfterStep = 3 }, Lora).Outcome.Interrupted);
        var resumed = TinyRuns.Run(folder, recipe, "split", new RunOptions { Resume = true }, Lora);

        Assert.Equal(TinyRuns.RowsWithoutTimings(whole.Folder.Metrics), TinyRuns.RowsWithoutTimings(resumed.Folder.Metrics));
        var (a, b) = (Read(Path.Combine(whole.Folder.Root, "model", "model.safetensors")), Read(Path.Combine(resumed.Folder.Root, "model", "model.safetensors")));
        Assert.All(a, w => Assert.True(w.Value.allclose(b[w.Key], rtol: 0, atol: 0), $"{w.Key} differs"));
    }

    [Fact]
    public void LoraWithAnAlgorithmThatTrainsTheWholeModelIsRefusedAtItsKey()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(TinyRuns.Grpo(steps: 2), "RECIPE.yaml", [.. Lora, "algorithm.name=dpo"]));
        Assert.Contains(e.Errors, error => error.ToString().Contains(
            "learner.lora.enabled: LoRA trains with algorithm sft, grpo or self_lengthen; algorithm dpo trains the whole model", StringComparison.Ordinal));
    }

    static Dictionary<string, Tensor> Read(string path)
    {
        var file = SafetensorsFile.Open(path);
        return file.Entries.Keys.ToDictionary(name => name, file.Read);
    }
}
