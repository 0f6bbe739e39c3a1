using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

/// <summary>The tokenizer.json converted from a tiktoken vocabulary must encode exactly like tiktoken.</summary>
public sealed class TiktokenConversionTests
{
    [Theory]
    [InlineData("gpt2")]
    [InlineData("r50k_base")]
    [InlineData("cl100k_base")]
    [InlineData("o200k_base")]
    public void ConvertedTokenizerEncodesLikeTiktoken(string encoding)
    {
        TiktokenTextTokenizer tiktoken = TiktokenTextTokenizer.Create(encoding);
        HuggingFaceTokenizer converted = HuggingFaceTokenizer.FromJson(
            TokenizerJsonWriter.ToJsonString(TiktokenConverter.Convert(encoding)));

        string all = string.Join("<|endoftext|>", TokenizationSamples.Texts);
        foreach (string text in TokenizationSamples.Texts.Append(all))
        {
            IReadOnlyList<int> expected = tiktoken.Encode(text);
            Assert.Equal(expected, converted.Encode(text));
            Assert.Equal(text, converted.Decode(expected));
        }

        Assert.Equal(tiktoken.VocabSize, converted.VocabSize);
        Assert.Equal(tiktoken.SpecialTokens, converted.SpecialTokens);
    }

    [Fact]
    public void WrittenGpt2FilesLoadAndEncodeHelloWorld()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        TokenizerFiles.Write("gpt2", folder.Path, ChatTemplate.Plain);

        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.Load(folder.Path);
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal(50257, tokenizer.VocabSize);
        Assert.Equal(50256, tokenizer.EosTokenId);
        Assert.Equal(50256, tokenizer.PadTokenId);
        Assert.Null(tokenizer.BosTokenId);
        Assert.Same(ChatTemplate.Plain, tokenizer.ChatTemplate);
        Assert.Equal("Ġworld", tokenizer.IdToToken(995));
    }

    [Fact]
    public void WritingGpt2WithChatMlAppendsTheTemplateTokens()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        TokenizerFiles.Write("gpt2", folder.Path, ChatTemplate.ChatMl);

        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.Load(folder.Path);
        Assert.Equal(50259, tokenizer.VocabSize);
        Assert.Equal(50257, tokenizer.TokenToId("<|im_start|>"));
        Assert.Equal(50258, tokenizer.EosTokenId);
        Assert.Same(ChatTemplate.ChatMl, tokenizer.ChatTemplate);
        Assert.Equal([50257, 7220, 198, 15496, 995, 50258, 198], tokenizer.Encode("<|im_start|>user\nHello world<|im_end|>\n"));
        string config = File.ReadAllText(Path.Combine(folder.Path, "tokenizer_config.json"));
        Assert.Contains("\"chat_template\": \"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\\\n'", config);
        Assert.Contains("\"tokenizer_class\": \"PreTrainedTokenizerFast\"", config);
    }
}
