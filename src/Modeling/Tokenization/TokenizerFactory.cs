namespace PostTrain.Modeling.Tokenization;

/// <summary>Creates the tokenizer a recipe or command line names.</summary>
public static class TokenizerFactory
{
    /// <summary>Named specs; anything else must be a <c>tokenizer.json</c> path or a folder holding one.</summary>
    public static IReadOnlyList<string> NamedSpecs { get; } = [BuiltinTokenizer.Name, .. TiktokenVocabulary.Names];

    /// <summary>
    /// Loads <c>builtin</c>, <c>gpt2</c>, <c>r50k_base</c>, <c>cl100k_base</c>, <c>o200k_base</c>, a path to a
    /// <c>tokenizer.json</c>, or a model folder containing one. <paramref name="chatTemplate"/> overrides the
    /// template found in the files (defaults: ChatML for builtin, plain for tiktoken).
    /// </summary>
    public static ITextTokenizer Load(string spec, ChatTemplate? chatTemplate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (string.Equals(spec, BuiltinTokenizer.Name, StringComparison.OrdinalIgnoreCase))
        {
            (ByteLevelBpeModel model, TokenizerConfig config) = TokenizerFiles.Build(spec, chatTemplate ?? ChatTemplate.ChatMl);
            return HuggingFaceTokenizer.FromJson(
                TokenizerJsonWriter.ToJsonString(model), TokenizerConfigWriter.ToJson(config), chatTemplate);
        }

        if (TiktokenVocabulary.Find(spec) is not null)
        {
            return TiktokenTextTokenizer.Create(spec, chatTemplate);
        }

        if (File.Exists(spec) || Directory.Exists(spec))
        {
            return HuggingFaceTokenizer.Load(spec, chatTemplate);
        }

        throw new ArgumentException(
            $"Unknown tokenizer '{spec}': not a named tokenizer and no such file or folder. Valid specs are "
            + $"{string.Join(", ", NamedSpecs)}, or a path to a tokenizer.json or a model folder containing one.",
            nameof(spec));
    }
}
