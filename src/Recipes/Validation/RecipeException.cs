namespace PostTrain.Recipes.Validation;

/// <summary>A recipe that cannot run, with every problem found (one line each), not only the first.</summary>
public sealed class RecipeException(IReadOnlyList<RecipeError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
