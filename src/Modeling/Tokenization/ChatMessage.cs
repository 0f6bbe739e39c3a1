namespace PostTrain.Modeling.Tokenization;

/// <summary>One turn of a conversation: <paramref name="Role"/> is "system", "user", "assistant" or similar.</summary>
public sealed record ChatMessage(string Role, string Content);
