namespace PostTrain.Recipes.Binding;

/// <summary><c>data</c>: training data, and optionally evaluation and SFT warm-up data.</summary>
public sealed record DataSpec(DataSource Train, DataSource? Eval, DataSource? Warmup, int MaxPromptLength, bool Shuffle);
