using System.Text;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> byte-level BPE tokenizer (GPT-2, Qwen2/Qwen3, Llama-3 style), with the
/// bos/eos/pad tokens and chat template of the <c>tokenizer_config.json</c> beside it.
/// </summary>
public sealed class HuggingFaceTokenizer : ITextTokenizer
{
    public const string TokenizerFileName = "tokenizer.json";
    public const string ConfigFileName = "tokenizer_config.json";

    private readonly ByteLevelBpeModel _model;
    private readonly ByteLevelBpeEncoder _encoder;
    private readonly Dictionary<int, string> _vocabById;
    private readonly Dictionary<int, AddedToken> _addedById;

    internal HuggingFaceTokenizer(
        ByteLevelBpeModel model, TokenizerConfig config, ChatTemplate? chatTemplate, string source, string configSource)
    {
        _model = model;
        _encoder = new ByteLevelBpeEncoder(model, source);
        _vocabById = new Dictionary<int, string>(model.Vocab.Count);
        foreach (KeyValuePair<string, int> entry in model.Vocab)
        {
            _vocabById.TryAdd(entry.Value, entry.Key);
        }

        _addedById = new Dictionary<int, AddedToken>();
        foreach (AddedToken token in model.AddedTokens)
        {
            _addedById[token.Id] = token;
        }

        SpecialTokens = model.AddedTokens.ToDictionary(t => t.Content, t => t.Id, StringComparer.Ordinal);
        Config = config;
        ChatTemplate = chatTemplate ?? ChatTemplate.Detect(config.ChatTemplate)
            ?? throw new TokenizerFormatException(
                $"{configSource}: chat_template has none of the markers PostTrain recognises (<|im_start|>, <|start_header_id|>); "
                + $"choose one explicitly: {string.Join(", ", ChatTemplate.All.Select(t => t.Name))}.");
        BosTokenId = ResolveConfigToken(config.BosToken, "bos_token", configSource);
        EosTokenId = ResolveConfigToken(config.EosToken, "eos_token", configSource);
        PadTokenId = ResolveConfigToken(config.PadToken, "pad_token", configSource);
    }

    public int VocabSize => _model.VocabSize;

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public IReadOnlyList<AddedToken> AddedTokens => _model.AddedTokens;

    public TokenizerConfig Config { get; }

    public int? BosTokenId { get; }

    public int? EosTokenId { get; }

    public int? PadTokenId { get; }

    public ChatTemplate ChatTemplate { get; }

    /// <summary>
    /// Loads <c>tokenizer.json</c> from a file path or a model folder, with <c>tokenizer_config.json</c> (and
    /// <c>chat_template.jinja</c>) beside it when present. <paramref name="chatTemplate"/> overrides detection.
    /// </summary>
    public static HuggingFaceTokenizer Load(string path, ChatTemplate? chatTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file = Directory.Exists(path) ? Path.Combine(path, TokenizerFileName) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: tokenizer file not found.", file);
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string configFile = Path.Combine(folder, ConfigFileName);
        TokenizerConfig config = File.Exists(configFile)
            ? TokenizerConfig.Parse(File.ReadAllText(configFile), configFile)
            : TokenizerConfig.Empty;
        string jinjaFile = Path.Combine(folder, "chat_template.jinja");
        if (config.ChatTemplate is null && File.Exists(jinjaFile))
        {
            config = config with { ChatTemplate = File.ReadAllText(jinjaFile) };
        }

        ByteLevelBpeModel model = TokenizerJsonReader.Read(File.ReadAllText(file), file);
        return new HuggingFaceTokenizer(model, config, chatTemplate, file, configFile);
    }

    /// <summary>Builds a tokenizer from the text of <c>tokenizer.json</c> and, optionally, <c>tokenizer_config.json</c>.</summary>
    public static HuggingFaceTokenizer FromJson(
        string tokenizerJson, string? tokenizerConfigJson = null, ChatTemplate? chatTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        TokenizerConfig config = tokenizerConfigJson is null
            ? TokenizerConfig.Empty
            : TokenizerConfig.Parse(tokenizerConfigJson, ConfigFileName);
        return new HuggingFaceTokenizer(
            TokenizerJsonReader.Read(tokenizerJson, TokenizerFileName), config, chatTemplate, TokenizerFileName, ConfigFileName);
    }

    public IReadOnlyList<int> Encode(string text) => _encoder.Encode(text);

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (_addedById.TryGetValue(id, out AddedToken? added))
            {
                if (!(skipSpecialTokens && added.Special))
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(added.Content));
                }
            }
            else if (_vocabById.TryGetValue(id, out string? token) && !ByteLevelAlphabet.TryAppendBytes(token, bytes))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
            }

            // Ids past the vocabulary (embedding rows padded for alignment) decode to nothing, as in transformers.
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SpecialTokens.TryGetValue(token, out int added) ? added
            : _model.Vocab.TryGetValue(token, out int id) ? id
            : null;
    }

    public string? IdToToken(int id) =>
        _addedById.TryGetValue(id, out AddedToken? added) ? added.Content
        : _vocabById.TryGetValue(id, out string? token) ? token
        : null;

    private int? ResolveConfigToken(string? token, string key, string configSource)
    {
        if (token is null)
        {
            return null;
        }

        return TokenToId(token)
            ?? throw new TokenizerFormatException($"{configSource}: {key} '{token}' is not in the tokenizer's vocabulary.");
    }
}
