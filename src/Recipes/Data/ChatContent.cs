namespace PostTrain.Recipes.Data;

/// <summary>Text that a data set gives either as one plain string or as a list of chat messages; exactly one is set.</summary>
public sealed record ChatContent
{
    private ChatContent(string? text, IReadOnlyList<ChatMessage>? messages)
    {
        Text = text;
        Messages = messages;
    }

    /// <summary>The plain string, when the data set gave one (no chat template applied yet).</summary>
    public string? Text { get; }

    /// <summary>The chat messages, when the data set gave a list.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; }

    public bool IsText => Text is not null;

    public static ChatContent FromText(string text) => new(text, null);

    public static ChatContent FromMessages(IReadOnlyList<ChatMessage> messages) => new(null, messages);

    /// <summary>As messages: a plain string becomes one message in <paramref name="role"/>.</summary>
    public IReadOnlyList<ChatMessage> AsMessages(string role) => Messages ?? [new ChatMessage(role, Text!)];
}
