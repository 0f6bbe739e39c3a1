using PostTrain.Recipes.Loading;

namespace PostTrain.Recipes.Validation;

/// <summary>One problem with a recipe: where (file and line, or <c>--set</c>), which key, and what was expected.</summary>
public sealed record RecipeError(RecipeOrigin Origin, string Key, string Message)
{
    public override string ToString() => Key.Length == 0 ? $"{Origin}: {Message}" : $"{Origin}: {Key}: {Message}";
}
