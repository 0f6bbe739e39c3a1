namespace PostTrain.Recipes.Pipelines;

/// <summary>An RL or evaluation prompt, rendered with the chat template and tokenized, with what its reward checks.</summary>
public sealed record RlPrompt(string Id, int[] PromptIds, string PromptText, string? GroundTruth,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The video the prompt shows, when it shows one.</summary>
    public Video.PromptVideo? Video { get; init; }
}
