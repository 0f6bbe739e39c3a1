using PostTrain.Modeling.Vision;

namespace PostTrain.Actors.Contracts;

/// <summary>A video's decoded frames as they travel between grains: RGB24, frame-major (see <see cref="VideoClip"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record VideoFrames
{
    [Id(0)] public required int Frames { get; init; }
    [Id(1)] public required int Height { get; init; }
    [Id(2)] public required int Width { get; init; }
    [Id(3)] public required byte[] Rgb { get; init; }

    /// <summary>Frames the encoder reads together (its temporal patch): shards split only between such groups.</summary>
    [Id(4)] public int FramesPerGroup { get; init; } = 1;

    public static VideoFrames From(VideoClip clip, int framesPerGroup = 1) =>
        new() { Frames = clip.Frames, Height = clip.Height, Width = clip.Width, Rgb = clip.Rgb, FramesPerGroup = framesPerGroup };

    public VideoClip ToClip() => new(Frames, Height, Width, Rgb);
}
