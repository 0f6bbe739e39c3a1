namespace PostTrain.Learner.Batches;

/// <summary>
/// One completion of a GRPO group with its reward. A pipeline may supply its own <see cref="Advantage"/> (for example
/// LongWriter-Zero's average over rewards); otherwise advantages are group-normalised rewards. With SAIS,
/// <see cref="OldLogProbs"/> holds each completion token's log-prob under the policy version that generated it.
/// </summary>
public sealed record GrpoSample(IReadOnlyList<int> PromptIds, IReadOnlyList<int> CompletionIds, double Reward)
{
    public double? Advantage { get; init; }

    public IReadOnlyList<float>? OldLogProbs { get; init; }

    /// <summary>False for a sample that counts in its group's advantages but is masked out of the loss (truncated, DAPO).</summary>
    public bool Learned { get; init; } = true;

    /// <summary>Prompt positions whose embeddings are given rather than looked up (a video's frames, cached once per prompt).</summary>
    public IReadOnlyList<PromptEmbedding> PromptEmbeddings { get; init; } = [];
}
