namespace PostTrain.Recipes.Binding;

/// <summary><c>tokenizer</c>: null name and chat template <c>auto</c> mean the model's own.</summary>
public sealed record TokenizerSpec(string? Name, string ChatTemplate);
