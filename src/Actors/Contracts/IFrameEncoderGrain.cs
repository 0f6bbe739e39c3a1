namespace PostTrain.Actors.Contracts;

/// <summary>
/// Runs a job's vision encoder (keyed by job id) on a shard of frames; stateless, so several activations encode
/// shards of one video side by side.
/// </summary>
public interface IFrameEncoderGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:10:00")]
    Task<EncodedFrames> EncodeAsync(VideoFrames frames, long encoderVersion);
}

/// <summary>Frame tokens of a shard: row-major [Tokens, Hidden], frame-major.</summary>
[GenerateSerializer, Immutable]
public sealed record EncodedFrames
{
    [Id(0)] public required int Tokens { get; init; }
    [Id(1)] public required int Hidden { get; init; }
    [Id(2)] public required float[] Values { get; init; }
}
