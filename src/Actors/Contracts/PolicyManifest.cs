namespace PostTrain.Actors.Contracts;

/// <summary>What one published policy version holds: its model config, tensors in order, and how it is chunked.</summary>
[GenerateSerializer, Immutable]
public sealed record PolicyManifest
{
    [Id(0)] public required long Version { get; init; }

    /// <summary>The model's Hugging Face config.json, so a worker can build the model before loading weights.</summary>
    [Id(1)] public required string ConfigJson { get; init; }
    [Id(2)] public required PolicyTensor[] Tensors { get; init; }
    [Id(3)] public required int ChunkBytes { get; init; }

    /// <summary>The publishing process: workers that share it read the published tensors without any copy.</summary>
    [Id(4)] public required Guid PublisherProcess { get; init; }

    public long TotalBytes => Tensors.Sum(t => t.Bytes);
    public int ChunkCount => (int)((TotalBytes + ChunkBytes - 1) / ChunkBytes);
}

/// <summary>One tensor of a published policy, as raw little-endian bytes of its dtype.</summary>
[GenerateSerializer, Immutable]
public sealed record PolicyTensor
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required long[] Shape { get; init; }
    [Id(2)] public required string DType { get; init; }
    [Id(3)] public required long Bytes { get; init; }
}
