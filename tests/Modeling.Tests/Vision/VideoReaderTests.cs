using PostTrain.Modeling.Tests.Support;
using PostTrain.Modeling.Vision;

namespace PostTrain.Modeling.Tests.Vision;

/// <summary>Videos and frame folders written losslessly from known frames read back exactly, sampled uniformly.</summary>
public sealed class VideoReaderTests
{
    const int Size = 16;

    [Theory]
    [InlineData(10, 4, new[] { 1, 3, 6, 8 })]
    [InlineData(8, 8, new[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(100, 1, new[] { 50 })]
    [InlineData(9, 2, new[] { 2, 6 })]
    public void UniformIndicesTakeTheCentreOfEqualParts(int available, int count, int[] expected) =>
        Assert.Equal(expected, VideoReader.UniformIndices(available, count));

    [Fact]
    public void AnFfv1VideoReadsBackTheSampledFramesExactly()
    {
        using var directory = new TempDirectory();
        var rgb = RawVideos.RandomFrames(10, Size, seed: 1);
        var path = directory.File("clip.mkv");
        RawVideos.WriteFfv1(path, rgb, Size);

        var clip = VideoReader.Read(path, frames: 4, size: Size);

        Assert.Equal((4, Size, Size), (clip.Frames, clip.Height, clip.Width));
        int[] sampled = [1, 3, 6, 8];
        for (var i = 0; i < sampled.Length; i++)
            Assert.Equal(RawVideos.Frame(rgb, Size, sampled[i]), RawVideos.Frame(clip.Rgb, Size, i));
    }

    [Fact]
    public void AFolderOfPngsReadsBackTheSampledFramesExactlyAndIgnoresOtherFiles()
    {
        using var directory = new TempDirectory();
        var rgb = RawVideos.RandomFrames(6, Size, seed: 2);
        var folder = directory.File("frames");
        RawVideos.WritePngs(folder, rgb, Size);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a frame");

        var clip = VideoReader.Read(folder, frames: 3, size: Size);

        int[] sampled = [1, 3, 5];
        for (var i = 0; i < sampled.Length; i++)
            Assert.Equal(RawVideos.Frame(rgb, Size, sampled[i]), RawVideos.Frame(clip.Rgb, Size, i));
    }

    [Fact]
    public void FramesAreResizedToTheAskedSize()
    {
        using var directory = new TempDirectory();
        var path = directory.File("clip.mkv");
        RawVideos.WriteFfv1(path, RawVideos.RandomFrames(5, Size, seed: 3), Size);

        var clip = VideoReader.Read(path, frames: 5, size: 8);

        Assert.Equal((5, 8, 8, 5 * 8 * 8 * 3), (clip.Frames, clip.Height, clip.Width, clip.Rgb.Length));
    }

    [Fact]
    public void AMissingPathIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "posttrain-no-such-video.mp4");
        var error = Assert.Throws<VideoInputException>(() => VideoReader.Read(path, 4, Size));
        Assert.Contains(path, error.Message);
        Assert.Contains("no such video file or frame folder", error.Message);
    }

    [Fact]
    public void AFolderWithoutImagesIsReported()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("readme.txt"), "no frames here");
        var error = Assert.Throws<VideoInputException>(() => VideoReader.Read(directory.Path, 4, Size));
        Assert.Contains("no .png, .jpg or .jpeg frame images", error.Message);
    }

    [Fact]
    public void TooFewFramesSaysHowManyThereAre()
    {
        using var directory = new TempDirectory();
        var rgb = RawVideos.RandomFrames(3, Size, seed: 4);
        var path = directory.File("short.mkv");
        RawVideos.WriteFfv1(path, rgb, Size);
        RawVideos.WritePngs(directory.File("frames"), rgb, Size);

        var video = Assert.Throws<VideoInputException>(() => VideoReader.Read(path, 5, Size));
        var folder = Assert.Throws<VideoInputException>(() => VideoReader.Read(directory.File("frames"), 5, Size));

        Assert.Contains("the video has 3 frames, fewer than the 5 asked for", video.Message);
        Assert.Contains("the folder has 3 frame images, fewer than the 5 asked for", folder.Message);
    }

    [Fact]
    public void AMissingFfmpegSaysHowToInstallIt()
    {
        using var directory = new TempDirectory();
        var path = directory.File("clip.mkv");
        File.WriteAllBytes(path, [1, 2, 3]);
        var tools = new FfmpegTools("/nonexistent/ffmpeg", "/nonexistent/ffprobe");

        var error = Assert.Throws<VideoInputException>(() => VideoReader.Read(path, 4, Size, tools));

        Assert.Contains("apt-get install ffmpeg", error.Message);
        Assert.Contains("/nonexistent/ffprobe", error.Message);
    }

    [Fact]
    public void AFailingFfmpegReportsItsErrorOutput()
    {
        using var directory = new TempDirectory();
        var video = directory.File("broken.mkv");
        File.WriteAllText(video, "this is not a video");
        var frames = directory.File("frames");
        Directory.CreateDirectory(frames);
        File.WriteAllText(Path.Combine(frames, "000.png"), "this is not a png");

        var probe = Assert.Throws<VideoInputException>(() => VideoReader.Read(video, 1, Size));
        var decode = Assert.Throws<VideoInputException>(() => VideoReader.Read(frames, 1, Size));

        Assert.Contains("ffprobe failed with exit code", probe.Message);
        Assert.Contains("Invalid data found", probe.Message);
        Assert.Contains("000.png: ffmpeg failed with exit code", decode.Message);
    }
}
