namespace PostTrain.Learner.Batches;

/// <summary>A prompt and its completion; only completion tokens are learned from (prompt masking).</summary>
public sealed record TrainingSequence(IReadOnlyList<int> PromptIds, IReadOnlyList<int> CompletionIds)
{
    public int Length => PromptIds.Count + CompletionIds.Count;
}
