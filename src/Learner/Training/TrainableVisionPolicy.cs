using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Vision;
using Parameter = TorchSharp.Modules.Parameter;

namespace PostTrain.Learner.Training;

/// <summary>
/// A language model trained together with its vision encoder (an SFT warm-up on video prompts): the encoder's
/// parameters are named <c>visual.*</c> and saved beside the model's files (<see cref="VisionEncoderFiles"/>).
/// </summary>
public sealed class TrainableVisionPolicy(CausalLanguageModel model, VisionEncoder vision) : ITrainable
{
    public const string Prefix = "visual.";

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() =>
        model.named_parameters().Select(p => (p.name, p.parameter))
            .Concat(vision.named_parameters().Select(p => (Prefix + p.name, p.parameter)));

    public void Save(string directory)
    {
        ModelSaver.Save(model, directory);
        VisionEncoderFiles.Save(directory, vision);
    }

    public void Restore(string directory)
    {
        new TrainablePolicy(model).Restore(directory);
        using var saved = VisionEncoderFiles.Load(directory, vision.Placement);
        using var noGrad = TorchSharp.torch.no_grad();
        var source = saved.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in vision.named_parameters()) parameter.copy_(source[name]);
    }
}
