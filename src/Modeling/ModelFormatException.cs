namespace PostTrain.Modeling;

/// <summary>
/// A model folder, configuration or checkpoint that PostTrain cannot use. The message always names the file and,
/// where there is one, the key (a JSON key or a tensor name) and what was expected.
/// </summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string file, string? key, string problem, Exception? inner = null)
        : base(Describe(file, key, problem), inner)
    {
        File = file;
        Key = key;
    }

    public string File { get; }

    public string? Key { get; }

    static string Describe(string file, string? key, string problem) =>
        key is null ? $"{file}: {problem}" : $"{file}: '{key}': {problem}";
}
