namespace PostTrain.Recipes.Schema;

/// <summary>Finds the known key a misspelt one most likely meant, by edit distance, only when it is close.</summary>
public static class KeySuggester
{
    /// <summary>
    /// The nearest name among <paramref name="candidates"/>, or null when none is within a third of the name's length
    /// (at least 1, at most 3 edits).
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Clamp(name.Length / 3, 1, 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>A key under <paramref name="schemaParent"/> close to <paramref name="name"/>, else the one key elsewhere with exactly that name.</summary>
    public static string? ForKey(string schemaParent, string concreteParent, string name)
    {
        var prefix = concreteParent.Length == 0 ? "" : concreteParent + ".";
        if (Nearest(name, RecipeSchema.Children(schemaParent).Select(k => k.Name)) is { } sibling) return prefix + sibling;
        var elsewhere = RecipeSchema.Keys.Where(k => k.Name == name).ToList();
        return elsewhere.Count == 1 ? elsewhere[0].Path : null;
    }

    /// <summary>Levenshtein distance, with a swap of two neighbouring letters counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
