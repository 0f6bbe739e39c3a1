namespace PostTrain.Recipes.Binding;

/// <summary><c>checkpoints</c>: every N updates (0 = only at the end), how many are kept, and their folder under --out.</summary>
public sealed record CheckpointSpec(int Every, int Keep, string Directory);
