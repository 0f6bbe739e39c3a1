using System.Text;

namespace PostTrain.Modeling.Tokenization;

/// <summary>Template-free models: one <c>role: content</c> line per message.</summary>
public sealed class PlainTemplate : ChatTemplate
{
    internal PlainTemplate()
    {
    }

    public override string Name => "plain";

    public override string JinjaSource =>
        @"{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}";

    public override IReadOnlyList<string> RequiredSpecialTokens { get; } = [];

    public override string? EndOfTurnToken => null;

    public override string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        foreach (ChatMessage message in messages)
        {
            text.Append(message.Role).Append(": ").Append(message.Content).Append('\n');
        }

        if (addGenerationPrompt)
        {
            text.Append("assistant: ");
        }

        return text.ToString();
    }
}
