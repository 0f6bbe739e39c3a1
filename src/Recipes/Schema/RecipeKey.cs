using System.Globalization;

namespace PostTrain.Recipes.Schema;

/// <summary>
/// One known recipe key: dotted path (<c>rollout.group_size</c>; list entries as <c>rewards[].weight</c>), kind,
/// allowed range or names, default (null = not set) and a one-line description.
/// </summary>
public sealed record RecipeKey(string Path, KeyKind Kind, string Description)
{
    public object? Default { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>The minimum itself is not allowed (<c>&gt; 0</c> rather than <c>&gt;= 0</c>).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>The maximum itself is not allowed (<c>&lt; 1</c> rather than <c>&lt;= 1</c>).</summary>
    public bool MaxExclusive { get; init; }

    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>Must be given whenever its section is (sections themselves are required by <see cref="RecipeRules"/>).</summary>
    public bool Required { get; init; }

    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path[..dot] : "";
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>What a value of this key must be, as a message says it: "an integer of at least 1".</summary>
    public string Expected()
    {
        var kind = Kind switch
        {
            KeyKind.Integer => "an integer",
            KeyKind.Number => "a number",
            KeyKind.Boolean => "true or false",
            KeyKind.String => "a string",
            KeyKind.Enum => "one of " + string.Join(", ", Allowed),
            KeyKind.List => Allowed.Count > 0 ? "a list of " + string.Join(", ", Allowed) : "a list of strings",
            KeyKind.File => "a path to a file",
            KeyKind.Folder => "a path to a folder",
            KeyKind.Mapping => "a mapping",
            _ => "a list of mappings",
        };
        return RangeText() is { } range ? $"{kind} {range}" : kind;
    }

    public string? RangeText()
    {
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        return (Min, Max) switch
        {
            ({ } min, { } max) => $"in {(MinExclusive ? '(' : '[')}{F(min)}, {F(max)}{(MaxExclusive ? ')' : ']')}",
            ({ } min, null) => MinExclusive ? $"greater than {F(min)}" : $"of at least {F(min)}",
            (null, { } max) => MaxExclusive ? $"less than {F(max)}" : $"of at most {F(max)}",
            _ => null,
        };
    }

    public bool InRange(double value) =>
        (Min is not { } min || (MinExclusive ? value > min : value >= min)) && (Max is not { } max || (MaxExclusive ? value < max : value <= max));
}
