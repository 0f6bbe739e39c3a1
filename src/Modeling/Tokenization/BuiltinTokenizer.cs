namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// PostTrain's own tokenizer for its built-in tasks: the 256 GPT-2 byte-level tokens (id = byte value), no merges,
/// and four special tokens. It exists as a real <c>tokenizer.json</c>, so it loads through the same reader as any
/// Hugging Face tokenizer and a model trained with it saves in Hugging Face format.
/// </summary>
public static class BuiltinTokenizer
{
    public const string Name = "builtin";

    public const string EndOfText = "<|endoftext|>";

    public const string ImStart = "<|im_start|>";

    public const string ImEnd = "<|im_end|>";

    public const string Pad = "<|pad|>";

    /// <summary>Special tokens in id order, from 256.</summary>
    public static IReadOnlyList<string> SpecialTokenNames { get; } = [EndOfText, ImStart, ImEnd, Pad];

    internal static ByteLevelBpeModel Model { get; } = Build();

    private static ByteLevelBpeModel Build()
    {
        var vocab = new Dictionary<string, int>(256, StringComparer.Ordinal);
        for (int b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.ToChar((byte)b).ToString()] = b;
        }

        List<AddedToken> added = SpecialTokenNames.Select((t, i) => new AddedToken(256 + i, t, Special: true)).ToList();
        return new ByteLevelBpeModel(vocab, [], added, [ByteLevelBpeModel.Gpt2Pattern], NfcNormalize: false, IgnoreMerges: false);
    }
}
