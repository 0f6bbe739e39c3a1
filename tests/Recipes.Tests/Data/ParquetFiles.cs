using Parquet.Schema;
using Parquet.Serialization;

namespace PostTrain.Recipes.Tests.Data;

/// <summary>Writes small Parquet files with Parquet.Net itself, in the shapes verl and TRL exports have.</summary>
internal static class ParquetFiles
{
    public static Dictionary<string, object?> Message(string role, string content) => new() { ["role"] = role, ["content"] = content };

    public static ListField MessageList(string name) =>
        new(name, new StructField("element", new DataField<string>("role"), new DataField<string>("content")));

    public static string Write(RecipeFolder folder, string name, ParquetSchema schema, params Dictionary<string, object?>[] rows)
    {
        var path = Path.Combine(folder.Path, name);
        using (var stream = File.Create(path))
            ParquetSerializer.SerializeUntypedAsync(rows.Cast<IDictionary<string, object?>>().ToList(), schema, stream)
                .GetAwaiter().GetResult();
        return path;
    }
}
