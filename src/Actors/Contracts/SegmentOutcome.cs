using PostTrain.Core.Generation;

namespace PostTrain.Actors.Contracts;

/// <summary>What decoding one segment produced, and the policy version that produced it.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentOutcome
{
    [Id(0)] public required string SampleId { get; init; }
    [Id(1)] public required int SegmentIndex { get; init; }
    [Id(2)] public required long PolicyVersion { get; init; }
    [Id(3)] public required int[] TokenIds { get; init; }
    /// <summary>Each token's log-prob in the learner's convention (<see cref="GenerationResult.PolicyLogProbs"/>).</summary>
    [Id(4)] public required float[] LogProbs { get; init; }
    [Id(5)] public required FinishReason Finish { get; init; }
}
