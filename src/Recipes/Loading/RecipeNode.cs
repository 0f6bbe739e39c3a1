namespace PostTrain.Recipes.Loading;

/// <summary>One value of a recipe's tree (scalar, mapping or sequence) with the place it was written.</summary>
public abstract class RecipeNode(RecipeOrigin origin)
{
    public RecipeOrigin Origin { get; } = origin;

    /// <summary>How the value reads in a message: the scalar's text, or what kind of node it is.</summary>
    public abstract string Describe();
}
