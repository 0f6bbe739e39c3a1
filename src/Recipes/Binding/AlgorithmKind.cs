namespace PostTrain.Recipes.Binding;

/// <summary>What a recipe trains: <c>algorithm.name</c>.</summary>
public enum AlgorithmKind
{
    Grpo,
    Dpo,
    Sft,

    /// <summary>A reward model on preference pairs.</summary>
    Rm,
}
