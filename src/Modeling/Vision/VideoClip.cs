using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// Decoded video frames as RGB24: frame-major, each frame row-major Height x Width x 3 (what ffmpeg's
/// <c>-f rawvideo -pix_fmt rgb24</c> writes).
/// </summary>
public sealed record VideoClip(int Frames, int Height, int Width, byte[] Rgb)
{
    public int Frames { get; } = Frames > 0 ? Frames : throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "a clip needs at least one frame");
    public int Height { get; } = Height > 0 ? Height : throw new ArgumentOutOfRangeException(nameof(Height), Height, "height must be positive");
    public int Width { get; } = Width > 0 ? Width : throw new ArgumentOutOfRangeException(nameof(Width), Width, "width must be positive");
    public byte[] Rgb { get; } = CheckLength(Frames, Height, Width, Rgb);

    public int FrameBytes => Height * Width * 3;

    /// <summary>
    /// Lowercase hex SHA-256 over Frames, Height, Width (int32 little-endian) and the pixels: the same clip hashes
    /// the same in every process. It reads every byte, so callers that need it often keep the string.
    /// </summary>
    public string ContentHash
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteInt32LittleEndian(header, Frames);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], Height);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], Width);
            hash.AppendData(header);
            hash.AppendData(Rgb);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>Frames <paramref name="firstFrame"/> .. firstFrame + count - 1, copied.</summary>
    public VideoClip Slice(int firstFrame, int count)
    {
        if (firstFrame < 0 || count <= 0 || firstFrame + count > Frames)
            throw new ArgumentOutOfRangeException(nameof(firstFrame),
                $"frames {firstFrame}..{firstFrame + count - 1} are not within this clip's {Frames} frames (count must be positive)");
        return new VideoClip(count, Height, Width, Rgb.AsSpan(firstFrame * FrameBytes, count * FrameBytes).ToArray());
    }

    static byte[] CheckLength(int frames, int height, int width, byte[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        var expected = (long)frames * height * width * 3;
        if (rgb.LongLength != expected)
            throw new ArgumentException(
                $"{frames} frames of {height}x{width} RGB24 need {expected} bytes, but {rgb.LongLength} were given", nameof(rgb));
        return rgb;
    }
}
