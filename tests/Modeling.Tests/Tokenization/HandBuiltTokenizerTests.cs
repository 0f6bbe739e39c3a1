using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

/// <summary>Small tokenizer.json files written here, whose ids can be worked out by hand.</summary>
public sealed class HandBuiltTokenizerTests
{
    private const string Vocab =
        """
        {"h": 0, "e": 1, "l": 2, "o": 3, "Ġ": 4, "w": 5, "r": 6, "d": 7, "he": 8, "ll": 9, "hell": 10,
         "hello": 11, "Ġw": 12, "or": 13, "Ġwor": 14, "Ã": 17, "©": 18}
        """;

    private const string AddedTokens =
        """
        [{"id": 15, "content": "<|endoftext|>", "special": true, "lstrip": false, "rstrip": false, "normalized": false, "single_word": false},
         {"id": 16, "content": "<tool>", "special": false, "lstrip": false, "rstrip": false, "normalized": true, "single_word": false}]
        """;

    // GPT-2 style: merges as "a b" strings, a plain ByteLevel pre-tokenizer (GPT-2 regex).
    private static readonly string s_stringMerges =
        $$$"""
        {"version": "1.0", "added_tokens": {{{AddedTokens}}}, "normalizer": null,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
         "decoder": {"type": "ByteLevel"},
         "model": {"type": "BPE", "dropout": null, "unk_token": null, "vocab": {{{Vocab}}},
                   "merges": ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or"]}}
        """;

    // Qwen2 style: merges as pairs, NFC, Split regex inside a Sequence with ByteLevel(use_regex: false); no "hell o".
    private static string PairMerges(bool ignoreMerges) =>
        $$$"""
        {"version": "1.0", "added_tokens": {{{AddedTokens}}}, "normalizer": {"type": "NFC"},
         "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
            {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}]},
         "model": {"type": "BPE", "ignore_merges": {{{(ignoreMerges ? "true" : "false")}}}, "vocab": {{{Vocab}}},
                   "merges": [["h", "e"], ["l", "l"], ["he", "ll"], ["Ġ", "w"], ["o", "r"], ["Ġw", "or"]]}}
        """;

    [Fact]
    public void StringMergesGiveHandComputedIds()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(s_stringMerges);
        Assert.Equal([11, 14, 2, 7], tokenizer.Encode("hello world"));
        Assert.Equal([0, 8], tokenizer.Encode("hhe"));
        Assert.Equal("hello world", tokenizer.Decode([11, 14, 2, 7]));
        Assert.Equal(19, tokenizer.VocabSize);
    }

    [Fact]
    public void AddedTokensAreNeverSplit()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(s_stringMerges);
        Assert.Equal([11, 15, 14, 2, 7], tokenizer.Encode("hello<|endoftext|> world"));
        Assert.Equal([16, 11, 15, 15], tokenizer.Encode("<tool>hello<|endoftext|><|endoftext|>"));
        Assert.Equal("hello<tool> world", tokenizer.Decode([11, 15, 16, 14, 2, 7], skipSpecialTokens: true));
        Assert.Equal("hello<|endoftext|><tool>", tokenizer.Decode([11, 15, 16]));
    }

    [Fact]
    public void PairMergesGiveHandComputedIds()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(PairMerges(ignoreMerges: false));
        Assert.Equal([10, 3, 14, 2, 7], tokenizer.Encode("hello world"));
        Assert.Equal("hello world", tokenizer.Decode([10, 3, 14, 2, 7]));
    }

    [Fact]
    public void IgnoreMergesTakesWholePreTokensFromTheVocabulary()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(PairMerges(ignoreMerges: true));
        Assert.Equal([11, 14, 2, 7], tokenizer.Encode("hello world"));
    }

    [Fact]
    public void NfcNormalizerComposesAccents()
    {
        HuggingFaceTokenizer normalizing = HuggingFaceTokenizer.FromJson(PairMerges(ignoreMerges: false));
        Assert.Equal([17, 18], normalizing.Encode("e\u0301"));
        HuggingFaceTokenizer plain = HuggingFaceTokenizer.FromJson(s_stringMerges);
        Assert.Equal([1], plain.Encode("e\u0301").Take(1));
    }

    [Fact]
    public void TokenLookupsUseByteLevelStrings()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(s_stringMerges);
        Assert.Equal(12, tokenizer.TokenToId("Ġw"));
        Assert.Equal(15, tokenizer.TokenToId("<|endoftext|>"));
        Assert.Null(tokenizer.TokenToId("world"));
        Assert.Equal("Ġwor", tokenizer.IdToToken(14));
        Assert.Equal("<tool>", tokenizer.IdToToken(16));
        Assert.Null(tokenizer.IdToToken(99));
    }

    [Fact]
    public void ConfigBesideTheFileGivesSpecialIdsAndTemplate()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        folder.Write("tokenizer.json", s_stringMerges);
        folder.Write(
            "tokenizer_config.json",
            """
            {"bos_token": null, "eos_token": {"content": "<|endoftext|>", "special": true}, "pad_token": "<tool>",
             "chat_template": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n'}}{% endfor %}"}
            """);

        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.Load(folder.Path);
        Assert.Null(tokenizer.BosTokenId);
        Assert.Equal(15, tokenizer.EosTokenId);
        Assert.Equal(16, tokenizer.PadTokenId);
        Assert.Same(ChatTemplate.ChatMl, tokenizer.ChatTemplate);
        Assert.Same(ChatTemplate.Llama3, HuggingFaceTokenizer.Load(Path.Combine(folder.Path, "tokenizer.json"), ChatTemplate.Llama3).ChatTemplate);
    }

    [Fact]
    public void NoConfigMeansPlainTemplateAndNoSpecialIds()
    {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.FromJson(s_stringMerges);
        Assert.Same(ChatTemplate.Plain, tokenizer.ChatTemplate);
        Assert.Null(tokenizer.EosTokenId);
        Assert.Equal(new Dictionary<string, int> { ["<|endoftext|>"] = 15, ["<tool>"] = 16 }, tokenizer.SpecialTokens);
    }
}
