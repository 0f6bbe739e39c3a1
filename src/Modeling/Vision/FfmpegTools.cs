using System.ComponentModel;
using System.Diagnostics;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// The ffmpeg and ffprobe executables (names looked up on PATH, or full paths), run without a shell; their stdout
/// and stderr are drained concurrently so that neither pipe can fill and stall the child.
/// </summary>
public sealed record FfmpegTools(string Ffmpeg = "ffmpeg", string Ffprobe = "ffprobe")
{
    public static FfmpegTools Default { get; } = new();

    const int StderrTailChars = 2000;

    /// <summary>Runs ffmpeg and returns its stdout; <paramref name="subject"/> is the input that errors name.</summary>
    public byte[] RunFfmpeg(IReadOnlyList<string> arguments, string subject) => Run(Ffmpeg, arguments, subject);

    public byte[] RunFfprobe(IReadOnlyList<string> arguments, string subject) => Run(Ffprobe, arguments, subject);

    static byte[] Run(string executable, IReadOnlyList<string> arguments, string subject)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new VideoInputException(subject,
                $"could not run '{executable}' ({e.Message}); install ffmpeg (apt-get install ffmpeg) or put it on PATH", e);
        }
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        Task.WaitAll(copyOut, readErr);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new VideoInputException(subject,
                $"{Path.GetFileName(executable)} failed with exit code {process.ExitCode}: {Tail(readErr.Result)}");
        return stdout.ToArray();
    }

    static string Tail(string stderr)
    {
        var text = stderr.Trim();
        if (text.Length == 0) return "(no error output)";
        return text.Length <= StderrTailChars ? text : "..." + text[^StderrTailChars..];
    }
}
