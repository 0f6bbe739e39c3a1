using System.Text;
using Microsoft.ML.Tokenizers;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// The tiktoken vocabularies shipped in packages (<c>gpt2</c>, <c>r50k_base</c>, <c>cl100k_base</c>,
/// <c>o200k_base</c>), through Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/>. Token strings are
/// byte-level (GPT-2 alphabet), as in the converted <c>tokenizer.json</c>.
/// </summary>
public sealed class TiktokenTextTokenizer : ITextTokenizer
{
    private readonly TiktokenTokenizer _inner;
    private readonly byte[]?[] _ranks;
    private readonly Dictionary<string, int> _idsByToken;
    private readonly Dictionary<int, string> _specialById;

    private TiktokenTextTokenizer(TiktokenVocabulary vocabulary, ChatTemplate chatTemplate)
    {
        EncodingName = vocabulary.Name;
        _inner = vocabulary.Name == "gpt2"
            ? TiktokenTokenizer.CreateForModel("gpt2")
            : TiktokenTokenizer.CreateForEncoding(vocabulary.Name);
        _ranks = vocabulary.LoadRanks();
        _idsByToken = new Dictionary<string, int>(_ranks.Length, StringComparer.Ordinal);
        for (int id = 0; id < _ranks.Length; id++)
        {
            if (_ranks[id] is { } bytes)
            {
                _idsByToken[ByteLevelAlphabet.Encode(bytes)] = id;
            }
        }

        SpecialTokens = new Dictionary<string, int>(_inner.SpecialTokens ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        _specialById = SpecialTokens.ToDictionary(t => t.Value, t => t.Key);
        ChatTemplate = chatTemplate;
        EosTokenId = SpecialTokens["<|endoftext|>"];
        BosTokenId = vocabulary.Name is "gpt2" or "r50k_base" ? EosTokenId : null;
        VocabSize = Math.Max(_ranks.Length, SpecialTokens.Values.Max() + 1);
    }

    /// <summary>The vocabularies this class can create.</summary>
    public static IReadOnlyList<string> EncodingNames => TiktokenVocabulary.Names;

    public string EncodingName { get; }

    public int VocabSize { get; }

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public int? BosTokenId { get; }

    public int? EosTokenId { get; }

    public int? PadTokenId => null;

    public ChatTemplate ChatTemplate { get; }

    /// <summary>Creates the tokenizer for one of <see cref="EncodingNames"/>; the chat template defaults to plain.</summary>
    public static TiktokenTextTokenizer Create(string encodingName, ChatTemplate? chatTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        TiktokenVocabulary vocabulary = TiktokenVocabulary.Find(encodingName)
            ?? throw new ArgumentException(
                $"Unknown tiktoken vocabulary '{encodingName}'; valid ones are: {string.Join(", ", EncodingNames)}.",
                nameof(encodingName));
        return new TiktokenTextTokenizer(vocabulary, chatTemplate ?? ChatTemplate.Plain);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _inner.EncodeToIds(text);
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (_specialById.TryGetValue(id, out string? special))
            {
                if (!skipSpecialTokens)
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(special));
                }
            }
            else if ((uint)id < (uint)_ranks.Length && _ranks[id] is { } token)
            {
                bytes.AddRange(token);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SpecialTokens.TryGetValue(token, out int special) ? special
            : _idsByToken.TryGetValue(token, out int id) ? id
            : null;
    }

    public string? IdToToken(int id) =>
        _specialById.TryGetValue(id, out string? special) ? special
        : (uint)id < (uint)_ranks.Length && _ranks[id] is { } bytes ? ByteLevelAlphabet.Encode(bytes)
        : null;
}
