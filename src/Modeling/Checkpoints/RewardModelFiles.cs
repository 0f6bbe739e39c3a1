using System.Text.Json.Nodes;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// Reward models in Hugging Face's <c>*ForSequenceClassification</c> layout with one label, so that the rewards layer
/// (and <c>transformers</c>) can load and score with them. A reward model can also start from a causal LM folder:
/// the decoder is taken from it and the scalar head is initialised fresh.
/// </summary>
public static class RewardModelFiles
{
    public static void Save(RewardModel model, string directory)
    {
        var tensors = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        var config = ModelSaver.WithStoredDtype(model.Config, tensors, model.Placement.DType);
        var json = DecoderConfigWriter.ToJson(config);
        json["architectures"] = new JsonArray(ArchitectureName(config.Family));
        json["num_labels"] = 1;
        json["id2label"] = new JsonObject { ["0"] = "LABEL_0" };
        json["label2id"] = new JsonObject { ["LABEL_0"] = 0 };
        ModelSaver.Save(tensors, json, directory, generationConfig: null);
    }

    /// <summary>Loads a saved reward model, or a causal LM's decoder with a new head (<paramref name="seed"/>).</summary>
    public static RewardModel Load(string directory, Device? device = null, ScalarType? dtype = null, long seed = 0)
    {
        var (config, sources) = ModelLoader.Open(directory);
        var weightType = dtype ?? TorchDTypeNames.Parse(config.TorchDtype, Path.Combine(directory, "config.json"), "torch_dtype");
        var model = new RewardModel(config, new ModelPlacement(device ?? CPU, weightType));
        var parameters = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        var hasHead = sources.ContainsKey("score.weight");
        var needed = hasHead ? parameters : parameters.Where(p => p.name != "score.weight").ToList();
        CheckpointLayout.Validate(directory, needed.Select(p => (p.name, p.Item2.shape)).ToList(), sources,
            $"a {config.Family.ModelType()} reward model with this config.json");
        CheckpointLayout.CopyInto(needed, sources);
        if (!hasHead)
        {
            using var noGrad = no_grad();
            model.Score.Weight.normal_(0, config.InitializerRange, new Generator((ulong)seed));
        }
        return model;
    }

    static string ArchitectureName(ModelFamily family) => family switch
    {
        ModelFamily.Qwen2 => "Qwen2ForSequenceClassification",
        ModelFamily.Qwen3 => "Qwen3ForSequenceClassification",
        _ => "LlamaForSequenceClassification",
    };
}
