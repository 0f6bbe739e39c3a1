namespace PostTrain.Recipes.Data;

/// <summary>Reads a data set file, choosing the reader by extension: <c>.jsonl</c> or <c>.json</c> (JSON lines), <c>.parquet</c>.</summary>
public static class DatasetLoader
{
    public static IReadOnlyList<DatasetExample> Load(string path, DatasetKind kind, DatasetReadOptions? options = null)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".json" => JsonlDatasetReader.Read(path, kind, options),
            ".parquet" => ParquetDatasetReader.Read(path, kind, options),
            _ => throw new DatasetException([new DatasetError(path, 0,
                $"unsupported data file type '{extension}': expected .jsonl or .json (one JSON object a line) or .parquet")]),
        };
    }

    public static IReadOnlyList<RlExample> LoadRl(string path, DatasetReadOptions? options = null) =>
        Load(path, DatasetKind.Rl, options).Cast<RlExample>().ToList();

    public static IReadOnlyList<SftExample> LoadSft(string path, DatasetReadOptions? options = null) =>
        Load(path, DatasetKind.Sft, options).Cast<SftExample>().ToList();

    public static IReadOnlyList<PreferenceExample> LoadPreference(string path, DatasetReadOptions? options = null) =>
        Load(path, DatasetKind.Preference, options).Cast<PreferenceExample>().ToList();
}
