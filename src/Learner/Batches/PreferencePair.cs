namespace PostTrain.Learner.Batches;

/// <summary>A prompt with a preferred and a dispreferred completion (DPO, reward models).</summary>
public sealed record PreferencePair(IReadOnlyList<int> PromptIds, IReadOnlyList<int> ChosenIds, IReadOnlyList<int> RejectedIds)
{
    /// <summary>Chosen rows first, then rejected rows, pair by pair: the layout DPO and reward training expect.</summary>
    public static TokenBatch Batch(IReadOnlyList<PreferencePair> pairs, TorchSharp.torch.Device? device = null) =>
        TokenBatchBuilder.Padded(
            pairs.Select(p => new TrainingSequence(p.PromptIds, p.ChosenIds))
                .Concat(pairs.Select(p => new TrainingSequence(p.PromptIds, p.RejectedIds))).ToList(), device);
}
