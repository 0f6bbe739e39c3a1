namespace PostTrain.Actors.Contracts;

/// <summary>A video's frame tokens embedded by one encoder version: row-major [Tokens, Hidden].</summary>
[GenerateSerializer, Immutable]
public sealed record VideoEmbeddings
{
    [Id(0)] public required string ContentHash { get; init; }
    [Id(1)] public required long EncoderVersion { get; init; }
    [Id(2)] public required int Tokens { get; init; }
    [Id(3)] public required int Hidden { get; init; }
    [Id(4)] public required float[] Values { get; init; }
}

/// <summary>How a video's embeddings were served: from the cache, or by running the encoder.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoCacheCounters
{
    [Id(0)] public long Hits { get; init; }
    [Id(1)] public long Encodes { get; init; }
}
