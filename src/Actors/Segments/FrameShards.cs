using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>Splits a video's frames into contiguous shards of nearly equal size, in order (MR-SP's sharded encoding).</summary>
public static class FrameShards
{
    public static IReadOnlyList<VideoFrames> Split(VideoFrames frames, int shards)
    {
        if (shards < 1) throw new ArgumentOutOfRangeException(nameof(shards), $"shards must be at least 1, got {shards}");
        var count = Math.Min(shards, frames.Frames);
        var frameBytes = frames.Height * frames.Width * 3;
        var result = new List<VideoFrames>(count);
        for (int shard = 0, first = 0; shard < count; shard++)
        {
            var size = frames.Frames / count + (shard < frames.Frames % count ? 1 : 0);
            result.Add(frames with { Frames = size, Rgb = frames.Rgb.AsSpan(first * frameBytes, size * frameBytes).ToArray() });
            first += size;
        }
        return result;
    }
}
