using System.Text;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Llama-3's header format. Unlike Meta's template, content is not trimmed, so what the model sees is what was given.
/// </summary>
public sealed class Llama3Template : ChatTemplate
{
    internal Llama3Template()
    {
    }

    public override string Name => "llama3";

    public override string JinjaSource =>
        @"{{ '<|begin_of_text|>' }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] + '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    public override IReadOnlyList<string> RequiredSpecialTokens { get; } =
        ["<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"];

    public override string EndOfTurnToken => "<|eot_id|>";

    public override string BeginOfTextToken => "<|begin_of_text|>";

    public override string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder("<|begin_of_text|>");
        foreach (ChatMessage message in messages)
        {
            text.Append("<|start_header_id|>").Append(message.Role).Append("<|end_header_id|>\n\n")
                .Append(message.Content).Append("<|eot_id|>");
        }

        if (addGenerationPrompt)
        {
            text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
        }

        return text.ToString();
    }
}
