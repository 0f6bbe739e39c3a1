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

    public static VideoFrames From(VideoClip clip) => new() { Frames = clip.Frames, Height = clip.Height, Width = clip.Width, Rgb = clip.Rgb };

    public VideoClip ToClip() => new(Frames, Height, Width, Rgb);
}
