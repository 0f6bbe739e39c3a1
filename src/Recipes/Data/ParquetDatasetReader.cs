using Parquet;
using Parquet.Serialization;

namespace PostTrain.Recipes.Data;

/// <summary>
/// Reads a Parquet file (verl's and Hugging Face's export format) as RL, SFT or preference examples: nested columns
/// (a <c>prompt</c> list of role/content structs, a <c>reward_model</c> struct) and flat ones (text, or a message list
/// stored as a JSON string) alike. Errors name the 1-based row.
/// </summary>
public static class ParquetDatasetReader
{
    public static IReadOnlyList<DatasetExample> Read(string path, DatasetKind kind, DatasetReadOptions? options = null) =>
        Task.Run(() => ReadAsync(path, kind, options)).GetAwaiter().GetResult();

    public static async Task<IReadOnlyList<DatasetExample>> ReadAsync(
        string path, DatasetKind kind, DatasetReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DatasetReadOptions.Default;
        if (!File.Exists(path)) throw new DatasetException([new DatasetError(path, 0, "data file not found")]);
        IList<Dictionary<string, object>> rows;
        try
        {
            await using var stream = File.OpenRead(path);
            rows = (await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellationToken)).Data;
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or NotSupportedException
                                      or InvalidOperationException or ArgumentException)
        {
            throw new DatasetException([new DatasetError(path, 0, $"not a readable Parquet file: {e.Message}")]);
        }

        var examples = new List<DatasetExample>(rows.Count);
        var log = new DatasetErrorLog(options);
        var index = 0;
        for (; index < rows.Count && !log.Full; index++)
        {
            var row = index + 1;
            try
            {
                using var document = ParquetRowJson.ToJson(rows[index]!);
                examples.Add(ExampleParser.Parse(document.RootElement, kind, options, $"{Path.GetFileName(path)}:{row}"));
            }
            catch (DatasetFormatException e)
            {
                log.Add(new DatasetError(path, row, e.Message) { IsRow = true });
            }
        }
        log.ThrowIfAny(index < rows.Count);
        return examples;
    }
}
