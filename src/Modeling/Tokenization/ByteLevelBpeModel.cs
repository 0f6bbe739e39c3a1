namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Everything PostTrain needs from a byte-level BPE <c>tokenizer.json</c>; what the reader produces and the writer
/// consumes. <see cref="SplitPatterns"/> are applied in order, each to the pieces the previous one produced.
/// </summary>
internal sealed record ByteLevelBpeModel(
    IReadOnlyDictionary<string, int> Vocab,
    IReadOnlyList<(string Left, string Right)> Merges,
    IReadOnlyList<AddedToken> AddedTokens,
    IReadOnlyList<string> SplitPatterns,
    bool NfcNormalize,
    bool IgnoreMerges)
{
    /// <summary>GPT-2's pre-tokenizer regex, used by a plain <c>ByteLevel</c> pre-tokenizer.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public int VocabSize =>
        Math.Max(Vocab.Count == 0 ? 0 : Vocab.Values.Max() + 1, AddedTokens.Count == 0 ? 0 : AddedTokens.Max(t => t.Id) + 1);
}
