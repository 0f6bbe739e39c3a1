using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Vision;

public sealed class FramePreprocessorTests
{
    [Fact]
    public void PixelsAreScaledThenNormalisedPerChannelInChannelFirstLayout()
    {
        // Two 1x2 frames: frame 0 = (0, 255, 51) (102, 204, 0); frame 1 = (255, 0, 255) (0, 0, 0).
        byte[] rgb = [0, 255, 51, 102, 204, 0, 255, 0, 255, 0, 0, 0];
        var config = new VisionConfig { OutputSize = 8, ImageSize = 2, PatchSize = 1, Pool = 1 };
        var clip = new VideoClip(2, 1, 2, rgb);

        // Frames must be square at image_size: this one is 1x2.
        Assert.Contains("the clip's frames are 1x2 (height x width) but the vision encoder takes 2x2",
            Assert.Throws<ArgumentException>(() => FramePreprocessor.ToPixels(clip, config)).Message);

        var square = new VideoClip(1, 2, 2, [0, 255, 51, 102, 204, 0, 255, 0, 255, 0, 0, 0]);
        using var pixels = FramePreprocessor.ToPixels(square, config);
        Assert.Equal(ScalarType.Float32, pixels.dtype);
        Assert.Equal(new long[] { 1, 3, 2, 2 }, pixels.shape);
        float Expected(byte value, double mean, double std) => (float)((value / 255.0 - mean) / std);
        var values = pixels.data<float>().ToArray();
        // [channel][row][column]: red of the four pixels, then green, then blue.
        float[] expected =
        [
            Expected(0, .5, .5), Expected(102, .5, .5), Expected(255, .5, .5), Expected(0, .5, .5),
            Expected(255, .5, .5), Expected(204, .5, .5), Expected(0, .5, .5), Expected(0, .5, .5),
            Expected(51, .5, .5), Expected(0, .5, .5), Expected(255, .5, .5), Expected(0, .5, .5),
        ];
        Assert.Equal(expected, values, (a, b) => Math.Abs(a - b) <= 1e-6f);
        Assert.Equal([-1f, 1f, -0.6f], new[] { values[0], values[4], values[8] }, (a, b) => Math.Abs(a - b) <= 1e-6f);

        var imagenet = config with { ImageMean = [0.485, 0.456, 0.406], ImageStd = [0.229, 0.224, 0.225] };
        using var normalised = FramePreprocessor.ToPixels(square, imagenet);
        var custom = normalised.data<float>().ToArray();
        Assert.Equal(Expected(102, 0.485, 0.229), custom[1], 1e-5f);
        Assert.Equal(Expected(204, 0.456, 0.224), custom[5], 1e-5f);
        Assert.Equal(Expected(255, 0.406, 0.225), custom[10], 1e-5f);
    }
}
