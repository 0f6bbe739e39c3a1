using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Encodes text the way Hugging Face <c>tokenizers</c> does for byte-level BPE: added tokens are cut out first,
/// the rest is normalised and split by each regex (unmatched gaps kept as pieces, "Isolated"), and each piece goes
/// through Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>.
/// </summary>
internal sealed class ByteLevelBpeEncoder
{
    private readonly ByteLevelBpeModel _model;
    private readonly BpeTokenizer _bpe;
    private readonly Regex? _addedTokens;
    private readonly Dictionary<string, int> _addedIds;
    private readonly Regex[] _splits;

    public ByteLevelBpeEncoder(ByteLevelBpeModel model, string source)
    {
        _model = model;
        var options = new BpeOptions(model.Vocab)
        {
            Merges = model.Merges.Select(m => m.Left + " " + m.Right).ToList(),
            ByteLevel = true,
        };
        try
        {
            _bpe = BpeTokenizer.Create(options);
        }
        catch (InvalidOperationException e)
        {
            throw new TokenizerFormatException($"{source}: model.merges or model.vocab is inconsistent ({e.Message})", e);
        }

        _addedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (AddedToken token in model.AddedTokens)
        {
            _addedIds[token.Content] = token.Id;
        }

        // Longest first, so that a token that is a prefix of another never wins (leftmost-longest, as in HF).
        _addedTokens = _addedIds.Count == 0
            ? null
            : new Regex(string.Join("|", _addedIds.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
        _splits = model.SplitPatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant)).ToArray();
    }

    public List<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        int position = 0;
        if (_addedTokens is not null)
        {
            foreach (Match match in _addedTokens.Matches(text))
            {
                EncodeSegment(text[position..match.Index], ids);
                ids.Add(_addedIds[match.Value]);
                position = match.Index + match.Length;
            }
        }

        EncodeSegment(text[position..], ids);
        return ids;
    }

    private void EncodeSegment(string segment, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        if (_model.NfcNormalize)
        {
            segment = segment.Normalize(NormalizationForm.FormC);
        }

        IEnumerable<string> pieces = [segment];
        foreach (Regex split in _splits)
        {
            pieces = pieces.SelectMany(piece => SplitIsolated(split, piece)).ToList();
        }

        foreach (string piece in pieces)
        {
            if (_model.IgnoreMerges && _model.Vocab.TryGetValue(ByteLevelAlphabet.EncodeText(piece), out int whole))
            {
                ids.Add(whole);
                continue;
            }

            ids.AddRange(_bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false));
        }
    }

    private static IEnumerable<string> SplitIsolated(Regex regex, string text)
    {
        int position = 0;
        foreach (Match match in regex.Matches(text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            if (match.Index > position)
            {
                yield return text[position..match.Index];
            }

            yield return match.Value;
            position = match.Index + match.Length;
        }

        if (position < text.Length)
        {
            yield return text[position..];
        }
    }
}
