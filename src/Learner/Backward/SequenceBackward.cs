using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Backward;

/// <summary>
/// Computes an objective's loss on a batch and accumulates its gradient into the model's parameters, in the chosen
/// backward mode. Returns the loss.
/// </summary>
public static class SequenceBackward
{
    public static double Run(CausalLanguageModel model, TokenBatch batch, ITokenObjective objective, BackwardOptions options)
    {
        BackwardOptions.Validate(options);
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        return options.Mode switch
        {
            BackwardMode.Plain => Plain(model, batch, objective),
            _ => LayerwiseBackward.Run(model, batch, objective, options),
        };
    }

    static double Plain(CausalLanguageModel model, TokenBatch batch, ITokenObjective objective)
    {
        var hidden = model.HiddenStates(batch.Ids, batch.Layout, overrides: batch.Overrides);
        var loss = objective.ChunkLoss(model.Logits(hidden).to(LogitType(hidden)), 0, batch.Time);
        loss.backward();
        return loss.to(ScalarType.Float64).item<double>();
    }

    /// <summary>Loss-head logits are float32, or float64 for a float64 model (exact-gradient tests).</summary>
    internal static ScalarType LogitType(Tensor hidden) =>
        hidden.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
}
