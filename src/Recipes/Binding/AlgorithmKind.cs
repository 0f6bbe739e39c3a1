namespace PostTrain.Recipes.Binding;

/// <summary>What a recipe trains: <c>algorithm.name</c>.</summary>
public enum AlgorithmKind
{
    Grpo,
    Dpo,
    Sft,

    /// <summary>A reward model on preference pairs.</summary>
    Rm,

    /// <summary>Self-Lengthen: Generator and Extender LoRA adapters lengthen answers over macro-iterations.</summary>
    SelfLengthen,
}
