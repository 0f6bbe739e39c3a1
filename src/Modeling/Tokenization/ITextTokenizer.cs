namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// One interface over every tokenizer PostTrain reads: Hugging Face <c>tokenizer.json</c> byte-level BPE,
/// the tiktoken vocabularies shipped in packages, and the small built-in tokenizer.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Number of ids the tokenizer can produce, special tokens included.</summary>
    int VocabSize { get; }

    /// <summary>
    /// Added tokens by text (the special ones and any other Hugging Face matches whole); <see cref="Encode"/> never
    /// splits them.
    /// </summary>
    IReadOnlyDictionary<string, int> SpecialTokens { get; }

    int? BosTokenId { get; }
    int? EosTokenId { get; }
    int? PadTokenId { get; }

    /// <summary>The chat template used by <see cref="ChatTemplate.Render"/> for this tokenizer.</summary>
    ChatTemplate ChatTemplate { get; }

    /// <summary>Encodes text; special tokens written in the text map to their single ids.</summary>
    IReadOnlyList<int> Encode(string text);

    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false);

    int? TokenToId(string token);

    string? IdToToken(int id);
}
