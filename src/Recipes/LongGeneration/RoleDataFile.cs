using System.Text.Json.Nodes;
using PostTrain.Modeling.Checkpoints;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// A role's training examples as chat JSONL (<c>{"messages": [user, assistant]}</c>, the SFT layout
/// <see cref="Data.DatasetLoader"/> reads), written atomically.
/// </summary>
public static class RoleDataFile
{
    public static void Write(string path, IReadOnlyList<RoleExample> examples)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = examples.Select(e =>
        {
            var messages = new JsonArray();
            foreach (var message in e.Prompt) messages.Add(Message(message.Role, message.Content));
            messages.Add(Message("assistant", e.Answer));
            return new JsonObject { ["messages"] = messages }.ToJsonString();
        });
        AtomicFile.WriteText(path, string.Concat(lines.Select(l => l + "\n")));
    }

    static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}
