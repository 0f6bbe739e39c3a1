using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace PostTrain.Learner.Training;

/// <summary>What the training loop needs of a model: its parameters, and saving and restoring its weights.</summary>
public interface ITrainable
{
    IEnumerable<(string Name, Parameter Parameter)> NamedParameters();

    /// <summary>Writes the weights in Hugging Face layout.</summary>
    void Save(string directory);

    /// <summary>Copies weights saved by <see cref="Save"/> back into this model.</summary>
    void Restore(string directory);
}

public sealed class TrainablePolicy(CausalLanguageModel model) : ITrainable
{
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() => model.named_parameters().Select(p => (p.name, p.parameter));

    public void Save(string directory) => ModelSaver.Save(model, directory);

    public void Restore(string directory) => Trainables.RestoreWeights(NamedParameters(), directory);
}

public sealed class TrainableRewardModel(RewardModel model) : ITrainable
{
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() => model.named_parameters().Select(p => (p.name, p.parameter));

    public void Save(string directory) => RewardModelFiles.Save(model, directory);

    public void Restore(string directory) => Trainables.RestoreWeights(NamedParameters(), directory);
}

internal static class Trainables
{
    public static void RestoreWeights(IEnumerable<(string Name, Parameter Parameter)> parameters, string directory)
    {
        var (_, sources) = ModelLoader.Open(directory);
        CheckpointLayout.CopyInto(parameters.Select(p => (p.Name, (Tensor)p.Parameter)), sources);
    }
}
