namespace PostTrain.Recipes.Runs;

/// <summary>A guard stopped the run; the message says which, at what step and why. Checkpoints already written stay.</summary>
public sealed class RunStoppedException(string message, Exception? inner = null) : Exception(message, inner);
