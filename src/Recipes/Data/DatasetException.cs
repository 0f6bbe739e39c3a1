namespace PostTrain.Recipes.Data;

/// <summary>A data set could not be read: every problem found (up to the cap), one a line in <see cref="Exception.Message"/>.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(IReadOnlyList<DatasetError> errors, bool stoppedEarly = false)
        : base(Describe(errors, stoppedEarly))
    {
        Errors = errors;
        StoppedEarly = stoppedEarly;
    }

    public IReadOnlyList<DatasetError> Errors { get; }

    /// <summary>True when reading stopped at the error cap, so later rows may hold more problems.</summary>
    public bool StoppedEarly { get; }

    private static string Describe(IReadOnlyList<DatasetError> errors, bool stoppedEarly)
    {
        var lines = errors.Select(e => e.ToString()).ToList();
        if (stoppedEarly) lines.Add($"(stopped after {errors.Count} errors)");
        return string.Join(Environment.NewLine, lines);
    }
}
