namespace PostTrain.Modeling.Vision;

/// <summary>
/// A video file or frame folder that PostTrain cannot read, or a missing or failing ffmpeg. The message always
/// names the path and what went wrong.
/// </summary>
public sealed class VideoInputException : Exception
{
    public VideoInputException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
