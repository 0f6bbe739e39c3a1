using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>Turns RGB24 frames into the encoder's input: float32 [N, 3, H, W], (x / 255 - mean) / std per channel.</summary>
public static class FramePreprocessor
{
    public static Tensor ToPixels(VideoClip clip, VisionConfig config) => ToPixels(clip, config, CPU);

    public static Tensor ToPixels(VideoClip clip, VisionConfig config, Device device)
    {
        if (clip.Height != config.ImageSize || clip.Width != config.ImageSize)
            throw new ArgumentException(
                $"the clip's frames are {clip.Height}x{clip.Width} (height x width) but the vision encoder takes " +
                $"{config.ImageSize}x{config.ImageSize} (image_size); read the video with size {config.ImageSize}", nameof(clip));
        using var scope = NewDisposeScope();
        var bytes = tensor(clip.Rgb, [clip.Frames, clip.Height, clip.Width, 3], ScalarType.Byte).to(device);
        var mean = tensor(config.ImageMean.Select(v => (float)v).ToArray(), [1, 3, 1, 1], ScalarType.Float32).to(device);
        var std = tensor(config.ImageStd.Select(v => (float)v).ToArray(), [1, 3, 1, 1], ScalarType.Float32).to(device);
        var pixels = bytes.permute(0, 3, 1, 2).to(ScalarType.Float32).div(255f);
        return pixels.sub(mean).div(std).contiguous().MoveToOuterDisposeScope();
    }
}
