using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>
/// Splits a video's frames into contiguous shards of nearly equal size, in order (MR-SP's sharded encoding), never
/// inside a group of frames the encoder reads together (<see cref="VideoFrames.FramesPerGroup"/>).
/// </summary>
public static class FrameShards
{
    public static IReadOnlyList<VideoFrames> Split(VideoFrames frames, int shards)
    {
        if (shards < 1) throw new ArgumentOutOfRangeException(nameof(shards), $"shards must be at least 1, got {shards}");
        var group = frames.FramesPerGroup;
        if (group < 1 || frames.Frames % group != 0)
            throw new ArgumentException($"{frames.Frames} frames do not divide into groups of {group}", nameof(frames));
        var groups = frames.Frames / group;
        var count = Math.Min(shards, groups);
        var frameBytes = frames.Height * frames.Width * 3;
        var result = new List<VideoFrames>(count);
        for (int shard = 0, first = 0; shard < count; shard++)
        {
            var size = (groups / count + (shard < groups % count ? 1 : 0)) * group;
            result.Add(frames with { Frames = size, Rgb = frames.Rgb.AsSpan(first * frameBytes, size * frameBytes).ToArray() });
            first += size;
        }
        return result;
    }
}
