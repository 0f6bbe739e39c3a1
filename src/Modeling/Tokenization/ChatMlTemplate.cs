using System.Text;

namespace PostTrain.Modeling.Tokenization;

/// <summary>Qwen's ChatML: <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c> per message.</summary>
public sealed class ChatMlTemplate : ChatTemplate
{
    internal ChatMlTemplate()
    {
    }

    public override string Name => "chatml";

    public override string JinjaSource =>
        @"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    public override IReadOnlyList<string> RequiredSpecialTokens { get; } = ["<|im_start|>", "<|im_end|>"];

    public override string EndOfTurnToken => "<|im_end|>";

    public override string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        foreach (ChatMessage message in messages)
        {
            text.Append("<|im_start|>").Append(message.Role).Append('\n')
                .Append(message.Content).Append("<|im_end|>\n");
        }

        if (addGenerationPrompt)
        {
            text.Append("<|im_start|>assistant\n");
        }

        return text.ToString();
    }
}
