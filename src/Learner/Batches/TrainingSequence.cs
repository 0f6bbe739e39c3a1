namespace PostTrain.Learner.Batches;

/// <summary>A prompt and its completion; only completion tokens are learned from (prompt masking).</summary>
public sealed record TrainingSequence(IReadOnlyList<int> PromptIds, IReadOnlyList<int> CompletionIds)
{
    public int Length => PromptIds.Count + CompletionIds.Count;

    /// <summary>
    /// False: the sequence is in the batch but none of its tokens is learned from, and none counts in the loss's
    /// denominators (DAPO's overlong masking of truncated samples).
    /// </summary>
    public bool Learned { get; init; } = true;

    /// <summary>Prompt positions whose embeddings are given rather than looked up (a video's frames).</summary>
    public IReadOnlyList<PromptEmbedding> PromptEmbeddings { get; init; } = [];
}
