namespace PostTrain.Recipes.Data;

/// <summary>One chat turn: <c>system</c>, <c>user</c>, <c>assistant</c> (or any role a template knows) and its text.</summary>
public sealed record ChatMessage(string Role, string Content);
