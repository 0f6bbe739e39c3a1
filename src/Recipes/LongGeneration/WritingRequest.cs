using PostTrain.Recipes.Data;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>A text for a role to write: its prompt, the start of its answer (continued; may be empty) and the sample's seed.</summary>
public sealed record WritingRequest(IReadOnlyList<ChatMessage> Prompt, string Start, long Seed);
