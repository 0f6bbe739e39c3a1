namespace PostTrain.Recipes.Binding;

/// <summary><c>logging</c>: how often metrics are written and where.</summary>
public sealed record LoggingSpec(int Every, IReadOnlyList<string> Sinks, string Directory);
