namespace PostTrain.Recipes.LongGeneration;

/// <summary>A role's answer: the whole text (the requested start included), its token count, and whether it hit the length limit.</summary>
public sealed record WrittenText(string Text, int Tokens, bool Truncated);
