namespace PostTrain.Recipes.LongGeneration;

/// <summary>What the extension micro-loop did: each sample's final text, and its rounds tried and accepted.</summary>
public sealed record ExtensionRounds(IReadOnlyList<string> Texts, int Tried, int Accepted);
