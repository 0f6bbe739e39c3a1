namespace PostTrain.Recipes.Binding;

/// <summary><c>cluster</c>: where rollout workers run.</summary>
public sealed record ClusterSpec(ClusterProvider Provider, string? Connection, string Id);
