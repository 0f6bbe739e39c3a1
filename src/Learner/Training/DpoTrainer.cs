using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Planning;
using PostTrain.Modeling.Architecture;

namespace PostTrain.Learner.Training;

/// <summary>DPO (or IPO) against a frozen reference model, whose log-probs come from its own forward pass.</summary>
public sealed class DpoTrainer
{
    readonly CausalLanguageModel _policy;
    readonly CausalLanguageModel _reference;

    public DpoTrainer(CausalLanguageModel policy, CausalLanguageModel reference, PreferenceOptions options)
    {
        DpoOptions.Validate(options.Dpo);
        _policy = policy;
        _reference = reference;
        Options = options;
        Loop = new TrainingLoop(new TrainablePolicy(policy), options.Training);
    }

    public PreferenceOptions Options { get; }
    public TrainingLoop Loop { get; }

    public StepResult Step(IReadOnlyList<PreferencePair> pairs)
    {
        var micro = Options.Training.GradientAccumulation;
        var longest = pairs.Max(p => p.PromptIds.Count + Math.Max(p.ChosenIds.Count, p.RejectedIds.Count));
        MemoryGuard.Check(_policy.Config, ObjectiveKind.Dpo, Math.Max(2, 2 * pairs.Count / micro), longest, Options.Training.Backward,
            Options.Training.MemoryBudgetBytes, referenceModel: true);
        return Loop.Update(pairs, part =>
        {
            using var batch = PreferencePair.Batch(part, _policy.Placement.Device);
            var referenceSums = DpoStep.SequenceLogProbs(_reference, batch);
            return DpoStep.Backward(_policy, referenceSums, batch, Options.Dpo, Options.Training.Backward, 1.0 / micro);
        });
    }
}
