using PostTrain.Learner.Training;
using PostTrain.Modeling;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Runtime;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Video;
using PostTrain.Recipes.Binding;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// The model a run trains, its tokenizer, and the Hugging Face folder it came from. <c>model.init</c> writes a
/// random-initialised model (deterministic in its seed) to the run's <c>base-model/</c> once and loads it from there,
/// so a resumed run and a fresh one start from the same weights.
/// </summary>
public sealed class Policy : IDisposable
{
    Policy(CausalLanguageModel model, ITextTokenizer tokenizer, string sourceDirectory, VisionEncoder? vision)
    {
        Model = model;
        Tokenizer = tokenizer;
        SourceDirectory = sourceDirectory;
        Vision = vision;
        Videos = vision is null ? null : new VideoPrompts(vision, tokenizer);
    }

    public CausalLanguageModel Model { get; }
    public ITextTokenizer Tokenizer { get; }

    /// <summary>The vision encoder and projector for video prompts: the model folder's own, or <c>model.vision</c>'s new one.</summary>
    public VisionEncoder? Vision { get; }

    /// <summary>How video prompts are laid out and embedded; null without a vision encoder.</summary>
    public VideoPrompts? Videos { get; }

    /// <summary>The Hugging Face folder the weights were loaded from; its tokenizer files go into every checkpoint.</summary>
    public string SourceDirectory { get; }

    public static Policy Load(Recipe recipe, string baseModelDirectory)
    {
        var device = TorchRuntime.Configure(recipe.Model.Device, Environment.ProcessorCount);
        var source = recipe.Model.Path ?? baseModelDirectory;
        if (recipe.Model.Init is { } init && !File.Exists(Path.Combine(source, "config.json"))) Initialize(init, source);
        var template = recipe.Tokenizer.ChatTemplate == "auto" ? null : ChatTemplate.Parse(recipe.Tokenizer.ChatTemplate);
        var tokenizer = TokenizerFactory.Load(recipe.Tokenizer.Name ?? source, template);
        var dtype = recipe.Model.DType == "bfloat16" ? ScalarType.BFloat16 : ScalarType.Float32;
        var model = ModelLoader.Load(source, device, dtype).Model;
        var placement = new ModelPlacement(device, dtype);
        var vision = VisionEncoderFiles.Exists(source) ? VisionEncoderFiles.Load(source, placement)
            : recipe.Model.Vision is { } spec ? new VisionEncoder(spec.Config(model.Config.HiddenSize), placement, spec.Seed)
            : null;
        if (vision is not null && vision.Config.OutputSize != model.Config.HiddenSize)
            throw new ModelFormatException(Path.Combine(source, VisionConfigFile.FileName), "output_size",
                $"the vision encoder projects to {vision.Config.OutputSize}, the model's hidden size is {model.Config.HiddenSize}");
        return new Policy(model, tokenizer, source, vision);
    }

    /// <summary>A second copy of the starting weights (the reference model of KL and DPO), frozen.</summary>
    public CausalLanguageModel LoadReference(string startDirectory)
    {
        var reference = ModelLoader.Load(startDirectory, Model.Placement.Device, Model.Placement.DType).Model;
        foreach (var (_, parameter) in reference.named_parameters()) parameter.requires_grad = false;
        return reference;
    }

    /// <summary>
    /// What checkpoints save: the weights in Hugging Face layout (the vision encoder's beside them) plus this policy's
    /// tokenizer files. Its parameters are what an SFT warm-up trains: <paramref name="vision"/>'s part of the encoder too.
    /// </summary>
    public ITrainable Trainable(VisionTraining vision = VisionTraining.Encoder) =>
        new TrainableWithTokenizer(Vision is null ? new TrainablePolicy(Model) : new TrainableVisionPolicy(Model, Vision, vision), SourceDirectory);

    /// <summary>Writes the current weights and tokenizer as a Hugging Face folder (through a staging folder).</summary>
    public void SaveTo(string directory) => AtomicFolder.Write(directory, staging => Trainable().Save(staging));

    static void Initialize(ModelInit init, string directory)
    {
        var family = ModelFamilyNames.ByModelType[init.Arch];
        AtomicFolder.Write(directory, staging =>
        {
            var template = family == ModelFamily.Llama ? ChatTemplate.Llama3 : ChatTemplate.ChatMl;
            TokenizerFiles.Write(init.Tokenizer, staging, template);
            var tokenizer = TokenizerFactory.Load(staging);
            var config = RandomModelFactory.Config(family, ModelPresets.Get(init.Preset), tokenizer.VocabSize, tokenizer.BosTokenId,
                tokenizer.EosTokenId is { } eos ? [eos] : [], tokenizer.PadTokenId, tieWordEmbeddings: false);
            using var model = RandomModelFactory.Create(config, ModelPlacement.Cpu(), init.Seed);
            ModelSaver.Save(model, staging);
        });
    }

    public void Dispose()
    {
        Model.Dispose();
        Vision?.Dispose();
    }
}
