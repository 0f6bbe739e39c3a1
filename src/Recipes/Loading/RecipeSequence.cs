namespace PostTrain.Recipes.Loading;

/// <summary>A sequence of values in order.</summary>
public sealed class RecipeSequence(RecipeOrigin origin, IReadOnlyList<RecipeNode> items) : RecipeNode(origin)
{
    public IReadOnlyList<RecipeNode> Items { get; } = items;

    public override string Describe() => "a list";
}
