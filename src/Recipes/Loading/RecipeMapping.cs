namespace PostTrain.Recipes.Loading;

/// <summary>A mapping in file order; each key keeps the place it was written.</summary>
public sealed class RecipeMapping(RecipeOrigin origin) : RecipeNode(origin)
{
    readonly List<RecipeEntry> _entries = [];

    public IReadOnlyList<RecipeEntry> Entries => _entries;

    public RecipeNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key)?.Value;

    public RecipeEntry? Find(string key) => _entries.FirstOrDefault(e => e.Key == key);

    /// <summary>Adds the key, or replaces its value (an override) keeping its position in the order.</summary>
    public void Set(string key, RecipeOrigin keyOrigin, RecipeNode value)
    {
        var index = _entries.FindIndex(e => e.Key == key);
        var entry = new RecipeEntry(key, keyOrigin, value);
        if (index >= 0) _entries[index] = entry;
        else _entries.Add(entry);
    }

    public override string Describe() => "a mapping";
}
