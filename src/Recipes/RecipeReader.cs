using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Loading;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes;

/// <summary>
/// Reads a recipe: load with positions, apply <c>--set</c> overrides, validate against the schema and the cross-key
/// rules, bind to the options types and run their validators. Any problem is a <see cref="RecipeException"/> listing
/// all of them, before any work starts.
/// </summary>
public static class RecipeReader
{
    public static Recipe Read(string path, IEnumerable<string>? overrides = null)
    {
        var root = RecipeLoader.Load(path);
        return Read(root, path, overrides);
    }

    /// <summary>Reads recipe text; <paramref name="file"/> names it in messages and anchors relative paths.</summary>
    public static Recipe Parse(string text, string file, IEnumerable<string>? overrides = null) =>
        Read(RecipeLoader.Parse(new StringReader(text), file), file, overrides);

    static Recipe Read(RecipeMapping root, string file, IEnumerable<string>? overrides)
    {
        var errors = new List<RecipeError>(RecipeOverrides.Apply(root, overrides ?? []));
        var (resolved, problems) = RecipeValidator.Validate(root, file);
        errors.AddRange(problems);
        if (errors.Count > 0) throw new RecipeException(errors);
        var (recipe, failures) = RecipeBinder.Bind(resolved);
        if (failures.Count > 0) throw new RecipeException(failures);
        return recipe;
    }
}
