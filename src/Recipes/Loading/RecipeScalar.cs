namespace PostTrain.Recipes.Loading;

/// <summary>A scalar as written; <see cref="IsNull"/> for <c>~</c>, <c>null</c> or nothing (plain, unquoted).</summary>
public sealed class RecipeScalar(string text, bool quoted, RecipeOrigin origin) : RecipeNode(origin)
{
    public string Text { get; } = text;
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => $"'{Text}'";
}
