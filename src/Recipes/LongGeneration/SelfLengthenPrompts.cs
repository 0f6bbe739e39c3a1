using PostTrain.Recipes.Data;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// What each Self-Lengthen role is asked. The Generator sees the instruction alone; the Extender sees the instruction
/// and a draft to expand. Both are user turns, rendered by the model's chat template.
/// </summary>
public static class SelfLengthenPrompts
{
    public static IReadOnlyList<ChatMessage> Generator(string instruction) => [new ChatMessage("user", instruction)];

    public static IReadOnlyList<ChatMessage> Extender(string instruction, string draft) =>
        [new ChatMessage("user", $"Expand the draft into a longer text.\nInstruction: {instruction}\nDraft:\n{draft}")];
}
