using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

public sealed class TokenizerErrorTests
{
    private const string ByteLevel = "\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false}";

    [Theory]
    [InlineData("Unigram")]
    [InlineData("WordPiece")]
    [InlineData("WordLevel")]
    public void UnsupportedModelTypeNamesFileAndKey(string type)
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        string file = folder.Write("tokenizer.json", "{\"model\": {\"type\": \"" + type + "\", \"vocab\": {}}, " + ByteLevel + "}");
        var error = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.Load(file));
        Assert.Equal($"{file}: model.type is '{type}'; PostTrain reads byte-level BPE tokenizers.", error.Message);
    }

    [Fact]
    public void BpeWithoutByteLevelIsRejected()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        string file = folder.Write(
            "tokenizer.json",
            """{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}, "pre_tokenizer": {"type": "Metaspace", "replacement": "▁"}}""");
        var error = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.Load(folder.Path));
        Assert.StartsWith(file + ": pre_tokenizer.type is 'Metaspace'", error.Message);

        string noPreTokenizer = folder.Write("plain.json", """{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}}""");
        error = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.Load(noPreTokenizer));
        Assert.StartsWith(noPreTokenizer + ": pre_tokenizer is missing", error.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheFile()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        string file = folder.Write("tokenizer.json", """{"model": {"type": "BPE", "vocab": {"a": 0""");
        var error = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.Load(file));
        Assert.StartsWith(file + ": malformed JSON", error.Message);
    }

    [Theory]
    [InlineData("""{"model": {"type": "BPE", "merges": []}, PRE}""", "model.vocab is missing")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": "x"}}, PRE}""", "model.vocab['a']")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a"]}, PRE}""", "model.merges[0]")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a a"]}, PRE}""", "model.merges or model.vocab")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {}}, "added_tokens": [{"content": "x"}], PRE}""", "added_tokens[0]")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {}}, "normalizer": {"type": "Lowercase"}, PRE}""", "normalizer.type is 'Lowercase'")]
    public void BadContentNamesTheKey(string json, string expected)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.FromJson(json.Replace("PRE", ByteLevel)));
        Assert.StartsWith("tokenizer.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void MissingFileNamesIt()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => HuggingFaceTokenizer.Load(folder.Path));
        Assert.Contains(Path.Combine(folder.Path, "tokenizer.json"), error.Message);
    }

    [Fact]
    public void ConfigErrorsNameTheConfigFile()
    {
        string tokenizer = TokenizerJsonWriter.ToJsonString(BuiltinTokenizer.Model);
        var unknown = Assert.Throws<TokenizerFormatException>(
            () => HuggingFaceTokenizer.FromJson(tokenizer, """{"chat_template": "{{ '[INST] ' + messages[0]['content'] }}"}"""));
        Assert.StartsWith("tokenizer_config.json: chat_template", unknown.Message);
        Assert.Contains("chatml, llama3, plain", unknown.Message);

        var missing = Assert.Throws<TokenizerFormatException>(
            () => HuggingFaceTokenizer.FromJson(tokenizer, """{"eos_token": "</s>"}"""));
        Assert.Equal("tokenizer_config.json: eos_token '</s>' is not in the tokenizer's vocabulary.", missing.Message);

        var malformed = Assert.Throws<TokenizerFormatException>(() => HuggingFaceTokenizer.FromJson(tokenizer, "{"));
        Assert.StartsWith("tokenizer_config.json: malformed JSON", malformed.Message);
    }

    [Fact]
    public void UnknownSpecListsTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenizerFactory.Load("/no/such/tokenizer"));
        Assert.Contains("builtin, gpt2, r50k_base, cl100k_base, o200k_base", error.Message);
        Assert.Contains("'/no/such/tokenizer'", error.Message);

        var write = Assert.Throws<ArgumentException>(() => TokenizerFiles.Write("llama", Path.GetTempPath(), ChatTemplate.Plain));
        Assert.Contains("builtin, gpt2, r50k_base, cl100k_base, o200k_base", write.Message);
    }
}
