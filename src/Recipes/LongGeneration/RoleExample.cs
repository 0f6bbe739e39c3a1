using PostTrain.Recipes.Data;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>One supervised example of a Self-Lengthen role: the prompt it sees and the answer it learns.</summary>
public sealed record RoleExample(IReadOnlyList<ChatMessage> Prompt, string Answer);
