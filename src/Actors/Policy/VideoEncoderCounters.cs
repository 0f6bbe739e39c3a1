namespace PostTrain.Actors.Policy;

/// <summary>What this process's vision encoders have done: whole-video encodes and frames encoded (benchmarks read them).</summary>
public static class VideoEncoderCounters
{
    static long _videos;
    static long _frames;

    public static long Videos => Interlocked.Read(ref _videos);
    public static long Frames => Interlocked.Read(ref _frames);

    internal static void AddVideo() => Interlocked.Increment(ref _videos);

    internal static void AddFrames(int frames) => Interlocked.Add(ref _frames, frames);
}
