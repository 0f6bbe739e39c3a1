using System.Text.Json;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Commands;

/// <summary>A prompt as the user gave it: text, chat messages, or token ids.</summary>
internal sealed record PromptSource(string? Text, IReadOnlyList<ChatMessage>? Messages, IReadOnlyList<int>? Ids)
{
    public IReadOnlyList<int> Encode(ITextTokenizer? tokenizer, bool chat)
    {
        if (Ids is not null) return Ids;
        if (tokenizer is null)
            throw new InvalidOperationException("the model folder has no tokenizer.json; give token ids with --prompt-ids");
        var messages = Messages ?? (chat ? [new ChatMessage("user", Text!)] : null);
        return tokenizer.Encode(messages is null ? Text! : tokenizer.ChatTemplate.Render(messages, addGenerationPrompt: true));
    }

    public static IReadOnlyList<int> ParseIds(string text, string option)
    {
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{option} expects comma-separated integers such as 1,2,3; got '{text}'");
        }
    }

    /// <summary>One JSON object per line: {"prompt": text}, {"messages": [{"role", "content"}]} or {"prompt_ids": [ids]}.</summary>
    public static IReadOnlyList<PromptSource> ReadJsonLines(string path)
    {
        var prompts = JsonLines.Read(path, "prompts",
            "{\"prompt\": \"...\"}, {\"messages\": [...]} or {\"prompt_ids\": [...]}", FromJson);
        if (prompts.Count == 0) throw new ArgumentException($"{path}: no prompts");
        return prompts;
    }

    static PromptSource FromJson(JsonElement line)
    {
        if (line.TryGetProperty("prompt", out var prompt)) return new PromptSource(prompt.GetString(), null, null);
        if (line.TryGetProperty("prompt_ids", out var ids))
            return new PromptSource(null, null, ids.EnumerateArray().Select(id => id.GetInt32()).ToArray());
        var messages = line.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToArray();
        return new PromptSource(null, messages, null);
    }
}
