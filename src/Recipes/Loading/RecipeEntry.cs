namespace PostTrain.Recipes.Loading;

/// <summary>One key of a mapping, where the key was written, and its value.</summary>
public sealed record RecipeEntry(string Key, RecipeOrigin KeyOrigin, RecipeNode Value);
