namespace PostTrain.Recipes.Metrics;

/// <summary>One line of <c>metrics.jsonl</c>: the phase, its step, and every finite numeric metric on the line.</summary>
public sealed record MetricsRow(string Phase, long Step, IReadOnlyDictionary<string, double> Values);
