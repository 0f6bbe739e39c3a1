using System.Globalization;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// Reads a video file, or a folder of frame images, as <c>frames</c> uniformly sampled RGB24 frames of size x size:
/// frame i is the one at the centre of the i-th of <c>frames</c> equal parts. Everything is decoded and resized by
/// ffmpeg and read from its stdout; nothing is written to disk.
/// </summary>
public static class VideoReader
{
    static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    public static VideoClip Read(string path, int frames, int size) => Read(path, frames, size, FfmpegTools.Default);

    public static VideoClip Read(string path, int frames, int size, FfmpegTools tools)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (Directory.Exists(path)) return ReadFolder(path, frames, size, tools);
        if (File.Exists(path)) return ReadVideo(path, frames, size, tools);
        throw new VideoInputException(path, "no such video file or frame folder");
    }

    /// <summary>Indices of <paramref name="count"/> frames out of <paramref name="available"/>: floor((i + 0.5) * available / count).</summary>
    public static int[] UniformIndices(int available, int count)
    {
        if (count <= 0 || available < count)
            throw new ArgumentOutOfRangeException(nameof(count), $"cannot sample {count} frames out of {available}");
        return Enumerable.Range(0, count).Select(i => (int)((2L * i + 1) * available / (2L * count))).ToArray();
    }

    /// <summary>The images a frame folder holds, in ordinal name order.</summary>
    public static IReadOnlyList<string> FrameFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(file => ImageExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .OrderBy(file => Path.GetFileName(file), StringComparer.Ordinal)
            .ToList();

    static VideoClip ReadVideo(string path, int frames, int size, FfmpegTools tools)
    {
        var available = CountFrames(path, tools);
        if (available < frames)
            throw new VideoInputException(path, $"the video has {available} frames, fewer than the {frames} asked for");
        var indices = UniformIndices(available, frames);
        // select keeps the sampled frames by decode index; -frames:v stops decoding after the last one.
        var select = "select='" + string.Join("+", indices.Select(i => $"eq(n,{i})")) + "'";
        var rgb = tools.RunFfmpeg(
        [
            "-v", "error", "-nostdin", "-i", InputUrl(path), "-an", "-sn", "-dn",
            "-vf", $"{select},{Scale(size)}", "-vsync", "0", "-frames:v", Invariant(frames),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ], path);
        return Clip(path, rgb, frames, size);
    }

    static VideoClip ReadFolder(string folder, int frames, int size, FfmpegTools tools)
    {
        var files = FrameFiles(folder);
        if (files.Count == 0)
            throw new VideoInputException(folder, "the folder holds no .png, .jpg or .jpeg frame images");
        if (files.Count < frames)
            throw new VideoInputException(folder, $"the folder has {files.Count} frame images, fewer than the {frames} asked for");
        var rgb = new byte[(long)frames * size * size * 3];
        var frameBytes = size * size * 3;
        var indices = UniformIndices(files.Count, frames);
        for (var i = 0; i < frames; i++)
        {
            var file = files[indices[i]];
            // -pattern_type none: a '%' in a file name is a literal, not an image-sequence pattern.
            var frame = tools.RunFfmpeg(
            [
                "-v", "error", "-nostdin", "-f", "image2", "-pattern_type", "none", "-i", InputUrl(file),
                "-vf", Scale(size), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
            ], file);
            if (frame.Length != frameBytes)
                throw new VideoInputException(file, $"ffmpeg returned {frame.Length} bytes, expected one {size}x{size} RGB frame ({frameBytes} bytes)");
            frame.CopyTo(rgb, (long)i * frameBytes);
        }
        return new VideoClip(frames, size, size, rgb);
    }

    static int CountFrames(string path, FfmpegTools tools)
    {
        // Counting packets reads the container without decoding; for video streams it is one packet per frame.
        var output = tools.RunFfprobe(
        [
            "-v", "error", "-select_streams", "v:0", "-count_packets",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", InputUrl(path),
        ], path);
        var text = System.Text.Encoding.UTF8.GetString(output).Trim().TrimEnd(',');
        if (text.Length == 0) throw new VideoInputException(path, "ffprobe found no video stream");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new VideoInputException(path, $"ffprobe could not count the video's frames (it printed '{text}')");
        return count;
    }

    static VideoClip Clip(string path, byte[] rgb, int frames, int size)
    {
        var expected = (long)frames * size * size * 3;
        if (rgb.LongLength != expected)
            throw new VideoInputException(path,
                $"ffmpeg returned {rgb.LongLength / (size * size * 3)} of the {frames} sampled {size}x{size} frames ({rgb.LongLength} bytes, expected {expected})");
        return new VideoClip(frames, size, size, rgb);
    }

    // A fixed interpolation, so the same file gives the same pixels everywhere.
    static string Scale(int size) => $"scale=w={size}:h={size}:flags=bilinear";

    // "file:" and a full path: a name starting with '-' or holding ':' is never read as an option or a protocol.
    static string InputUrl(string path) => "file:" + Path.GetFullPath(path);

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
