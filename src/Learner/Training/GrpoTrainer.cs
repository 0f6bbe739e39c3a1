using PostTrain.Core.Rewards;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Planning;
using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Training;

/// <summary>
/// GRPO and its variants (DAPO, Dr.GRPO, UloRL's DMMPT and SAIS) on finished groups: samples arrive G at a time per
/// prompt, advantages are normalised within each group unless the pipeline supplied its own. With beta 0 no
/// reference model is needed (pass null). With LoRA adapters attached to the policy only they train.
/// </summary>
public sealed class GrpoTrainer
{
    readonly CausalLanguageModel _policy;
    readonly CausalLanguageModel? _reference;

    public GrpoTrainer(CausalLanguageModel policy, CausalLanguageModel? reference, GrpoTrainerOptions options, LoraAdapters? adapters = null)
    {
        GrpoOptions.Validate(options.Grpo);
        if (options.Grpo.Beta > 0 && reference is null) throw new ArgumentException("beta > 0 needs a reference model");
        if (options.GroupSize <= 0) throw new ArgumentException($"group size must be positive, got {options.GroupSize}");
        if (adapters is { IsAttached: false }) throw new ArgumentException("the adapters to train must be attached to the policy", nameof(adapters));
        _policy = policy;
        _reference = reference;
        Options = options;
        Loop = new TrainingLoop(new TrainablePolicy(policy), options.Training, adapters);
    }

    public GrpoTrainerOptions Options { get; }
    public TrainingLoop Loop { get; }

    /// <summary>
    /// One update on whole groups (a multiple of G samples, group members consecutive); <paramref name="statistics"/>,
    /// when given, collects the update's entropy, clip fraction and KL.
    /// </summary>
    public StepResult Step(IReadOnlyList<GrpoSample> samples, GrpoStatistics? statistics = null)
    {
        if (samples.Count == 0 || samples.Count % Options.GroupSize != 0)
            throw new ArgumentException($"{samples.Count} samples are not whole groups of {Options.GroupSize}");
        var advantages = samples.All(s => s.Advantage is not null)
            ? samples.Select(s => s.Advantage!.Value).ToArray()
            : GroupAdvantages.Compute(samples.Select(s => s.Reward).ToList(), Options.GroupSize, Options.Grpo.ScaleRewards);
        var micro = Options.Training.GradientAccumulation;
        MemoryGuard.Check(_policy.Config, ObjectiveKind.Grpo, Math.Max(1, samples.Count / micro),
            samples.Max(s => s.PromptIds.Count + s.CompletionIds.Count), Options.Training.Backward,
            Options.Training.MemoryBudgetBytes, Loop.Adapters?.NamedParameters().Sum(p => p.Parameter.NumberOfElements),
            referenceModel: _reference is not null);
        var withAdvantages = samples.Zip(advantages, (sample, advantage) => (Sample: sample, Advantage: advantage)).ToList();
        return Loop.Update(withAdvantages, part =>
        {
            using var scope = NewDisposeScope();
            var parts = part.Select(p => p.Sample).ToList();
            using var batch = TokenBatchBuilder.Padded(parts.Select(s => new TrainingSequence(s.PromptIds, s.CompletionIds) { Learned = s.Learned, PromptEmbeddings = s.PromptEmbeddings }).ToList(),
                _policy.Placement.Device);
            var tokenAdvantages = TokenAdvantages.FromSequences(batch, part.Select(p => p.Advantage).ToList());
            return GrpoStep.Backward(_policy, _reference, batch, tokenAdvantages, parts.Select(s => s.Reward).ToList(),
                Options.Grpo, Options.Training.Backward, OldLogProbs(parts, batch), 1.0 / micro, statistics);
        });
    }

    // Completion token j of a sample sits at index prompt + j and is predicted at position prompt + j - 1.
    static Tensor? OldLogProbs(IReadOnlyList<GrpoSample> samples, TokenBatch batch)
    {
        if (samples.Any(s => s.OldLogProbs is null)) return null;
        var values = new double[batch.Batch * batch.Time];
        for (var row = 0; row < samples.Count; row++)
        {
            var sample = samples[row];
            if (sample.OldLogProbs!.Count != sample.CompletionIds.Count)
                throw new ArgumentException($"sample {row} has {sample.OldLogProbs.Count} old log-probs for {sample.CompletionIds.Count} completion tokens");
            for (var j = 0; j < sample.CompletionIds.Count; j++)
                values[row * batch.Time + sample.PromptIds.Count + j - 1] = sample.OldLogProbs[j];
        }
        return tensor(values, [batch.Batch, batch.Time], device: batch.Ids.device);
    }
}
