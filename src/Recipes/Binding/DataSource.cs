namespace PostTrain.Recipes.Binding;

/// <summary>One data set: a file (full path) or a built-in task with its example count and seed.</summary>
public sealed record DataSource(string? Path, string? Task, int Count, int Seed);
