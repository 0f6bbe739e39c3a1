namespace PostTrain.Recipes.Data;

/// <summary>A supervised conversation: the assistant turns are the targets.</summary>
public sealed record SftExample(string Id, IReadOnlyList<ChatMessage> Messages) : DatasetExample(Id);
