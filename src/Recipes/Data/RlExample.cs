namespace PostTrain.Recipes.Data;

/// <summary>An RL prompt (verl layout): what to ask, the answer a reward checks against, and free per-example data.</summary>
public sealed record RlExample(string Id, ChatContent Prompt, string? GroundTruth, IReadOnlyDictionary<string, string> Metadata)
    : DatasetExample(Id);
