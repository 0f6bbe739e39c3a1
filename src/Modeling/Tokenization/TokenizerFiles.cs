using System.Text;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> into a model folder, for the built-in tokenizer or
/// a tiktoken vocabulary (converted to byte-level BPE), so that PostTrain and <c>transformers</c> both read them.
/// </summary>
public static class TokenizerFiles
{
    /// <summary>Specs <see cref="Write"/> accepts.</summary>
    public static IReadOnlyList<string> WritableSpecs { get; } = [BuiltinTokenizer.Name, .. TiktokenVocabulary.Names];

    /// <summary>
    /// Writes both files for <paramref name="spec"/>. Special tokens the template needs and the vocabulary lacks
    /// (e.g. ChatML's on gpt2) are appended as new ids, so the model's embedding must cover the new vocab size.
    /// </summary>
    public static void Write(string spec, string directory, ChatTemplate chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(directory);
        (ByteLevelBpeModel model, TokenizerConfig config) = Build(spec, chatTemplate);
        Directory.CreateDirectory(directory);
        using (FileStream stream = File.Create(Path.Combine(directory, HuggingFaceTokenizer.TokenizerFileName)))
        {
            TokenizerJsonWriter.Write(model, stream);
        }

        File.WriteAllText(
            Path.Combine(directory, HuggingFaceTokenizer.ConfigFileName),
            TokenizerConfigWriter.ToJson(config),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    internal static (ByteLevelBpeModel Model, TokenizerConfig Config) Build(string spec, ChatTemplate chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(chatTemplate);
        ByteLevelBpeModel model = string.Equals(spec, BuiltinTokenizer.Name, StringComparison.OrdinalIgnoreCase)
            ? BuiltinTokenizer.Model
            : TiktokenVocabulary.Find(spec) is not null
                ? TiktokenConverter.Convert(spec)
                : throw new ArgumentException(
                    $"Cannot write tokenizer files for '{spec}'; valid specs are: {string.Join(", ", WritableSpecs)} "
                    + "(an existing tokenizer.json is copied as it is).",
                    nameof(spec));

        model = WithTokens(model, chatTemplate.RequiredSpecialTokens);
        bool hasPad = model.AddedTokens.Any(t => t.Content == BuiltinTokenizer.Pad);
        var config = new TokenizerConfig(
            chatTemplate.BeginOfTextToken,
            chatTemplate.EndOfTurnToken ?? BuiltinTokenizer.EndOfText,
            hasPad ? BuiltinTokenizer.Pad : BuiltinTokenizer.EndOfText,
            chatTemplate.JinjaSource);
        return (model, config);
    }

    private static ByteLevelBpeModel WithTokens(ByteLevelBpeModel model, IReadOnlyList<string> required)
    {
        var added = model.AddedTokens.ToList();
        int next = model.VocabSize;
        foreach (string token in required)
        {
            if (added.All(t => t.Content != token) && !model.Vocab.ContainsKey(token))
            {
                added.Add(new AddedToken(next++, token, Special: true));
            }
        }

        return added.Count == model.AddedTokens.Count ? model : model with { AddedTokens = added };
    }
}
