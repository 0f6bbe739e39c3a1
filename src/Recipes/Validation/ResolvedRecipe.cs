using PostTrain.Recipes.Loading;

namespace PostTrain.Recipes.Validation;

/// <summary>
/// A recipe's effective values by concrete path (<c>rewards[0].weight</c>): what it gives, with defaults filled in.
/// Values are int, double, bool, string, string[] or null (not set); files and folders are full paths.
/// </summary>
public sealed class ResolvedRecipe(string file)
{
    readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    readonly Dictionary<string, RecipeOrigin> _given = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The recipe file as named by the user.</summary>
    public string File { get; } = file;

    public object? this[string path] => _values.GetValueOrDefault(path);

    public T Get<T>(string path) => _values.GetValueOrDefault(path) is T value
        ? value
        : throw new InvalidOperationException($"recipe key {path} has no {typeof(T).Name} value");

    public int? IntOrNull(string path) => this[path] as int?;
    public double? NumberOrNull(string path) => this[path] as double?;
    public string? StringOrNull(string path) => this[path] as string;

    /// <summary>Whether the recipe (or <c>--set</c>) gave the key or section itself.</summary>
    public bool IsGiven(string path) => _given.ContainsKey(path);

    /// <summary>Entries in a list of mappings (<c>rewards</c>).</summary>
    public int Count(string path) => _counts.GetValueOrDefault(path);

    /// <summary>Where the key was given, else where its nearest given section was, else the file itself.</summary>
    public RecipeOrigin OriginOf(string path)
    {
        for (var p = path; p.Length > 0; p = p.LastIndexOf('.') is var dot and >= 0 ? p[..dot] : "")
            if (_given.TryGetValue(p, out var origin)) return origin;
        return RecipeOrigin.WholeFile(File);
    }

    internal bool Has(string path) => _values.ContainsKey(path);
    internal void Set(string path, object? value) => _values[path] = value;
    internal void MarkGiven(string path, RecipeOrigin origin) => _given[path] = origin;
    internal void SetCount(string path, int count) => _counts[path] = count;
}
