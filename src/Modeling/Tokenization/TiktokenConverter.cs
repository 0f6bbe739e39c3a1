namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Converts a tiktoken vocabulary to an equivalent byte-level BPE model, as <c>transformers</c>' TikTokenConverter
/// does: vocab = byte-level strings of the token bytes with their rank as id; merges = every split of a token into
/// two vocabulary tokens, ordered by the token's rank, so BPE applies them in tiktoken's order (lowest rank first).
/// <c>ignore_merges</c> mirrors tiktoken taking a whole pre-token that is itself in the vocabulary.
/// </summary>
internal static class TiktokenConverter
{
    public static ByteLevelBpeModel Convert(string encodingName)
    {
        TiktokenVocabulary vocabulary = TiktokenVocabulary.Find(encodingName)
            ?? throw new ArgumentException($"Unknown tiktoken vocabulary '{encodingName}'.", nameof(encodingName));
        byte[]?[] ranks = vocabulary.LoadRanks();
        var vocab = new Dictionary<string, int>(ranks.Length, StringComparer.Ordinal);
        var tokens = new string?[ranks.Length];
        for (int rank = 0; rank < ranks.Length; rank++)
        {
            if (ranks[rank] is { } bytes)
            {
                tokens[rank] = ByteLevelAlphabet.Encode(bytes);
                vocab[tokens[rank]!] = rank;
            }
        }

        var merges = new List<(string Left, string Right)>();
        var local = new List<(int LeftRank, int RightRank, string Left, string Right)>();
        for (int rank = 0; rank < tokens.Length; rank++)
        {
            string? token = tokens[rank];
            if (token is null || token.Length < 2)
            {
                continue;
            }

            local.Clear();
            for (int split = 1; split < token.Length; split++)
            {
                string left = token[..split];
                string right = token[split..];
                if (vocab.TryGetValue(left, out int leftRank) && vocab.TryGetValue(right, out int rightRank))
                {
                    local.Add((leftRank, rightRank, left, right));
                }
            }

            local.Sort((a, b) => a.LeftRank != b.LeftRank ? a.LeftRank.CompareTo(b.LeftRank) : a.RightRank.CompareTo(b.RightRank));
            merges.AddRange(local.Select(m => (m.Left, m.Right)));
        }

        TiktokenTextTokenizer reference = TiktokenTextTokenizer.Create(encodingName);
        List<AddedToken> added = reference.SpecialTokens
            .OrderBy(t => t.Value)
            .Select(t => new AddedToken(t.Value, t.Key, Special: true))
            .ToList();
        return new ByteLevelBpeModel(vocab, merges, added, [vocabulary.Pattern], NfcNormalize: false, IgnoreMerges: true);
    }
}
