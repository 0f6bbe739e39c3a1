namespace PostTrain.Recipes.Binding;

/// <summary><c>evaluation</c>: how often, k answers per prompt, sampling temperature, answer length and what counts as correct.</summary>
public sealed record EvaluationSpec(int Every, int Samples, double Temperature, int MaxResponseLength, double PassThreshold);
