namespace PostTrain.Recipes.Loading;

/// <summary>Where a value came from: a line of the recipe file, or a <c>--set</c> override.</summary>
public sealed record RecipeOrigin(string Source, int? Line)
{
    public static readonly RecipeOrigin Override = new("--set", null);

    public static RecipeOrigin InFile(string file, int line) => new(file, line);

    public static RecipeOrigin WholeFile(string file) => new(file, null);

    public override string ToString() => Line is { } line ? $"{Source}:{line}" : Source;
}
