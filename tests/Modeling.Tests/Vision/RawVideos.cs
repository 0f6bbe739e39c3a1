using System.Diagnostics;

namespace PostTrain.Modeling.Tests.Vision;

/// <summary>Known RGB24 frames, and ffmpeg writing them losslessly as a video file or a folder of PNGs.</summary>
public static class RawVideos
{
    /// <summary>Frames of seeded random bytes: every frame, row and channel differs from the others.</summary>
    public static byte[] RandomFrames(int frames, int size, int seed)
    {
        var bytes = new byte[frames * size * size * 3];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Frame(byte[] rgb, int size, int index) =>
        rgb.AsSpan(index * size * size * 3, size * size * 3).ToArray();

    /// <summary>An FFV1 (lossless) Matroska video at 10 frames per second.</summary>
    public static void WriteFfv1(string path, byte[] rgb, int size) =>
        FromRaw(rgb, size, path, "-c:v", "ffv1");

    /// <summary>One PNG per frame: folder/frame_000.png, frame_001.png, ...</summary>
    public static void WritePngs(string folder, byte[] rgb, int size)
    {
        Directory.CreateDirectory(folder);
        FromRaw(rgb, size, Path.Combine(folder, "frame_%03d.png"), "-start_number", "0");
    }

    static void FromRaw(byte[] rgb, int size, string output, params string[] options)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"posttrain-raw-{Guid.NewGuid():N}.rgb");
        File.WriteAllBytes(raw, rgb);
        try
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                         "-s", $"{size}x{size}", "-r", "10", "-i", raw })
                start.ArgumentList.Add(argument);
            foreach (var option in options) start.ArgumentList.Add(option);
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not write {output}: {error}");
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
