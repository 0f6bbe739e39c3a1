namespace PostTrain.Actors.Contracts;

/// <summary>
/// The video a prompt shows (MR-SP): its content hash (the frames are registered with the job's
/// <see cref="IVideoEmbeddingGrain"/>), the encoder version to embed it with, and the prompt positions
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) its frame tokens take.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VideoInput
{
    [Id(0)] public required string ContentHash { get; init; }
    [Id(1)] public required long EncoderVersion { get; init; }
    [Id(2)] public required int Start { get; init; }
    [Id(3)] public required int Count { get; init; }

    /// <summary>False: every use encodes the video again (the baseline MR-SP's cache is measured against).</summary>
    [Id(4)] public bool Cached { get; init; } = true;
}
