using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Vision;
using Parameter = TorchSharp.Modules.Parameter;

namespace PostTrain.Learner.Training;

/// <summary>
/// A language model trained together with (part of) its vision encoder, as an SFT warm-up on video prompts does: the
/// encoder's parameters are named <c>visual.*</c>, and the whole encoder is saved beside the model's files
/// (<see cref="VisionEncoderFiles"/>). The part that does not train is frozen (no gradient is computed for it).
/// </summary>
public sealed class TrainableVisionPolicy : ITrainable
{
    public const string Prefix = "visual.";
    const string ProjectorPrefix = "projector.";

    readonly CausalLanguageModel _model;
    readonly VisionEncoder _vision;
    readonly VisionTraining _part;

    public TrainableVisionPolicy(CausalLanguageModel model, VisionEncoder vision, VisionTraining part = VisionTraining.Encoder)
    {
        (_model, _vision, _part) = (model, vision, part);
        foreach (var (name, parameter) in vision.named_parameters()) parameter.requires_grad = Trains(name);
    }

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() =>
        _model.named_parameters().Select(p => (p.name, p.parameter))
            .Concat(_vision.named_parameters().Where(p => Trains(p.name)).Select(p => (Prefix + p.name, p.parameter)));

    bool Trains(string visionParameter) => _part switch
    {
        VisionTraining.Encoder => true,
        VisionTraining.Projector => visionParameter.StartsWith(ProjectorPrefix, StringComparison.Ordinal),
        _ => false,
    };

    public void Save(string directory)
    {
        ModelSaver.Save(_model, directory);
        VisionEncoderFiles.Save(directory, _vision);
    }

    public void Restore(string directory)
    {
        new TrainablePolicy(_model).Restore(directory);
        using var saved = VisionEncoderFiles.Load(directory, _vision.Placement);
        using var noGrad = TorchSharp.torch.no_grad();
        var source = saved.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in _vision.named_parameters()) parameter.copy_(source[name]);
    }
}
