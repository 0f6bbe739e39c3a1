using System.Globalization;
using PostTrain.Recipes.Loading;
using PostTrain.Recipes.Schema;

namespace PostTrain.Recipes.Validation;

/// <summary>Reads one value as its key's kind; a failure is a message saying what was expected and what was given.</summary>
internal static class ValueReader
{
    public static (object? Value, string? Error) Read(RecipeKey key, RecipeNode node, string recipeFolder)
    {
        if (key.Kind == KeyKind.List) return ReadList(key, node);
        if (node is not RecipeScalar scalar) return (null, $"expected {key.Expected()}, got {node.Describe()}");
        var text = scalar.Text.Trim();
        var fail = (object?)null;
        var error = $"expected {key.Expected()}, got '{scalar.Text}'";
        switch (key.Kind)
        {
            case KeyKind.Integer:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return (fail, error);
                return key.InRange(i) ? (i, null) : (fail, error);
            case KeyKind.Number:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return (fail, error);
                return key.InRange(d) ? (d, null) : (fail, error);
            case KeyKind.Boolean:
                return text.ToLowerInvariant() switch { "true" => (true, null), "false" => (false, null), _ => (fail, error) };
            case KeyKind.Enum:
                var name = key.Allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
                if (name is not null) return (name, null);
                return (fail, KeySuggester.Nearest(text, key.Allowed) is { } near ? $"{error}; did you mean '{near}'?" : error);
            case KeyKind.File or KeyKind.Folder:
                var full = Path.GetFullPath(Path.Combine(recipeFolder, text));
                var exists = key.Kind == KeyKind.File ? File.Exists(full) : Directory.Exists(full);
                var what = key.Kind == KeyKind.File ? "file" : "folder";
                return exists ? (full, null) : (fail, $"{what} not found: {full} (paths are relative to the recipe's folder)");
            default:
                return (scalar.Text, null);
        }
    }

    static (object? Value, string? Error) ReadList(RecipeKey key, RecipeNode node)
    {
        if (node is not RecipeSequence sequence) return (null, $"expected {key.Expected()}, got {node.Describe()}");
        var items = new List<string>();
        foreach (var item in sequence.Items)
        {
            if (item is not RecipeScalar scalar) return (null, $"expected {key.Expected()}, got an entry that is {item.Describe()}");
            if (key.Allowed.Count > 0 && !key.Allowed.Contains(scalar.Text))
                return (null, $"expected {key.Expected()}, got '{scalar.Text}'");
            items.Add(scalar.Text);
        }
        return (items.ToArray(), null);
    }
}
