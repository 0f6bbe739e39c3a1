namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// A chat format, rendered in code (there is no Jinja engine in .NET). Each template also carries the Jinja source
/// that Hugging Face <c>transformers</c> renders to the same string, for the <c>tokenizer_config.json</c> we write.
/// </summary>
public abstract class ChatTemplate
{
    public static ChatTemplate ChatMl { get; } = new ChatMlTemplate();

    public static ChatTemplate Llama3 { get; } = new Llama3Template();

    public static ChatTemplate Plain { get; } = new PlainTemplate();

    public static IReadOnlyList<ChatTemplate> All { get; } = [ChatMl, Llama3, Plain];

    /// <summary>Lower-case name used in recipes: <c>chatml</c>, <c>llama3</c> or <c>plain</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The Jinja <c>chat_template</c> that renders exactly like <see cref="Render"/>.</summary>
    public abstract string JinjaSource { get; }

    /// <summary>Tokens the template writes that must exist as special tokens in the vocabulary.</summary>
    public abstract IReadOnlyList<string> RequiredSpecialTokens { get; }

    /// <summary>Token that ends a model turn; generation stops on it.</summary>
    public abstract string? EndOfTurnToken { get; }

    public virtual string? BeginOfTextToken => null;

    public abstract string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);

    /// <summary>Parses <c>chatml</c>, <c>llama3</c> or <c>plain</c> (case-insensitive).</summary>
    public static ChatTemplate Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (ChatTemplate template in All)
        {
            if (string.Equals(template.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)
                || (template == Llama3 && string.Equals(name.Trim(), "llama-3", StringComparison.OrdinalIgnoreCase)))
            {
                return template;
            }
        }

        throw new ArgumentException(
            $"Unknown chat template '{name}'; valid ones are: {string.Join(", ", All.Select(t => t.Name))}.",
            nameof(name));
    }

    /// <summary>
    /// Recognises a Hugging Face Jinja chat template by its markers; null or empty means <see cref="Plain"/>,
    /// and an unrecognised template gives null.
    /// </summary>
    public static ChatTemplate? Detect(string? jinjaTemplate)
    {
        if (string.IsNullOrWhiteSpace(jinjaTemplate))
        {
            return Plain;
        }

        if (jinjaTemplate.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            return ChatMl;
        }

        if (jinjaTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal))
        {
            return Llama3;
        }

        return jinjaTemplate == Plain.JinjaSource ? Plain : null;
    }

    public override string ToString() => Name;
}
