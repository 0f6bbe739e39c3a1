using PostTrain.Modeling.Vision;

namespace PostTrain.Modeling.Tests.Vision;

public sealed class VideoClipTests
{
    static readonly byte[] TwelveBytes = Enumerable.Range(0, 12).Select(i => (byte)i).ToArray();

    [Fact]
    public void TheContentHashIsSha256OverTheShapeAndThePixels()
    {
        var clip = new VideoClip(2, 1, 2, TwelveBytes);

        // sha256(struct.pack('<iii', 2, 1, 2) + bytes(range(12))) in Python.
        Assert.Equal("f182f86cb1bc4e73ad0ff6056b5f28ac7988526d2b1d0cb81d423a3921072413", clip.ContentHash);
        Assert.NotEqual(clip.ContentHash, new VideoClip(1, 2, 2, TwelveBytes).ContentHash);
        Assert.NotEqual(clip.ContentHash, new VideoClip(2, 1, 2, TwelveBytes.Select(b => (byte)(b ^ 1)).ToArray()).ContentHash);
    }

    [Fact]
    public void TheBytesMustMatchTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new VideoClip(2, 2, 2, TwelveBytes));
        Assert.Contains("2 frames of 2x2 RGB24 need 24 bytes, but 12 were given", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VideoClip(0, 1, 2, []));
    }

    [Fact]
    public void ASliceCopiesItsFrames()
    {
        var clip = new VideoClip(4, 1, 1, Enumerable.Range(0, 12).Select(i => (byte)i).ToArray());

        var slice = clip.Slice(1, 2);

        Assert.Equal((2, 1, 1), (slice.Frames, slice.Height, slice.Width));
        Assert.Equal(new byte[] { 3, 4, 5, 6, 7, 8 }, slice.Rgb);
        Assert.Equal(clip.ContentHash, clip.Slice(0, 4).ContentHash);
        Assert.Throws<ArgumentOutOfRangeException>(() => clip.Slice(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => clip.Slice(-1, 1));
    }
}
