namespace PostTrain.Recipes.Data;

/// <summary>One problem with a data set: the file, the 1-based line (JSONL) or row (Parquet; 0 for the whole file), and what was wrong.</summary>
public sealed record DatasetError(string Path, int Line, string Message)
{
    /// <summary>True when <see cref="Line"/> counts Parquet rows rather than text lines.</summary>
    public bool IsRow { get; init; }

    public override string ToString() =>
        Line == 0 ? $"{Path}: {Message}" : IsRow ? $"{Path}: row {Line}: {Message}" : $"{Path}:{Line}: {Message}";
}
