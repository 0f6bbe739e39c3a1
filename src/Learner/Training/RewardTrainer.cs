using PostTrain.Learner.Batches;
using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Training;

/// <summary>
/// A reward model trained with the Bradley-Terry loss -log sigmoid(r(x, y_w) - r(x, y_l)) (LongWriter-Zero's
/// quality reward, TECHNIQUES section 5 and 9). Sequences are short, so the backward is plain autograd.
/// </summary>
public sealed class RewardTrainer
{
    readonly RewardModel _model;

    public RewardTrainer(RewardModel model, PreferenceOptions options)
    {
        _model = model;
        Options = options;
        Loop = new TrainingLoop(new TrainableRewardModel(model), options.Training);
    }

    public PreferenceOptions Options { get; }
    public TrainingLoop Loop { get; }

    public StepResult Step(IReadOnlyList<PreferencePair> pairs)
    {
        var micro = Options.Training.GradientAccumulation;
        return Loop.Update(pairs, part =>
        {
            using var scope = NewDisposeScope();
            using var enabled = enable_grad();
            using var batch = PreferencePair.Batch(part, _model.Placement.Device);
            var scores = _model.Forward(batch.Ids, batch.Layout);
            var loss = BradleyTerry(scores.narrow(0, 0, part.Count), scores.narrow(0, part.Count, part.Count)) / micro;
            loss.backward();
            return loss.to(ScalarType.Float64).item<double>();
        });
    }

    /// <summary>Fraction of pairs the model ranks correctly.</summary>
    public double Accuracy(IReadOnlyList<PreferencePair> pairs)
    {
        using var noGrad = no_grad();
        using var batch = PreferencePair.Batch(pairs, _model.Placement.Device);
        var scores = _model.Forward(batch.Ids, batch.Layout);
        return (scores.narrow(0, 0, pairs.Count) > scores.narrow(0, pairs.Count, pairs.Count)).to(ScalarType.Float64).mean().item<double>();
    }

    public static Tensor BradleyTerry(Tensor chosen, Tensor rejected) => -nn.functional.logsigmoid(chosen - rejected).mean();
}
