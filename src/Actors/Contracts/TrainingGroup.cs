namespace PostTrain.Actors.Contracts;

/// <summary>A complete group of G finished, scored samples of one prompt, ready for the learner.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingGroup
{
    [Id(0)] public required RolloutPrompt Prompt { get; init; }
    [Id(1)] public required TrainingSample[] Samples { get; init; }
}

/// <summary>
/// One finished sample. <see cref="LogProbs"/> are those recorded while sampling, each token under the version that
/// generated its segment, in the learner's convention (log-softmax of logits / temperature over the whole vocabulary):
/// SAIS's old log-probs. <see cref="SegmentVersions"/> lists those versions in order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingSample
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required int[] CompletionIds { get; init; }
    [Id(2)] public required float[] LogProbs { get; init; }
    [Id(3)] public required long[] SegmentVersions { get; init; }
    [Id(4)] public required int[] SegmentLengths { get; init; }
    [Id(5)] public required double Reward { get; init; }
    [Id(6)] public Dictionary<string, double> SubScores { get; init; } = [];
    [Id(7)] public bool Truncated { get; init; }

    /// <summary>False for a sample that counts in its group's statistics but is masked out of the loss.</summary>
    [Id(8)] public bool Trainable { get; init; } = true;
}
