using PostTrain.Learner.Backward;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Learner.Planning;

/// <summary>The planner's verdict turned into a stop: a step that cannot fit the budget never starts.</summary>
public sealed class PlanDoesNotFitException(string message) : Exception(message);

public static class MemoryGuard
{
    /// <summary>Throws before any work when the predicted peak of this step exceeds <paramref name="budgetBytes"/>.</summary>
    public static MemoryPlan Check(DecoderConfig config, ObjectiveKind objective, int sequences, int length,
        BackwardOptions backward, long? budgetBytes, long? trainableParameters = null, bool referenceModel = false)
    {
        var plan = MemoryPlanner.Predict(new MemoryWorkload(config, objective, sequences, length, backward,
            TrainableParameters: trainableParameters, ReferenceModel: referenceModel), budgetBytes);
        if (!plan.Fits)
        {
            var suggestion = MemoryPlanner.ChooseChunks(new MemoryWorkload(config, objective, sequences, length, backward,
                TrainableParameters: trainableParameters, ReferenceModel: referenceModel), budgetBytes!.Value);
            throw new PlanDoesNotFitException(
                $"{objective} step of {sequences} x {length} tokens with {backward.Mode} backward: {plan.Describe()}. "
                + (suggestion is null
                    ? "No StreamBP chunk sizes fit either: shorten the sequences, use fewer per step, or raise the budget."
                    : $"StreamBP with head chunk {suggestion.HeadChunk} and query chunk {suggestion.QueryChunk} would fit."));
        }
        return plan;
    }
}
