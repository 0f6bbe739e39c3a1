using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

public sealed class TiktokenTextTokenizerTests
{
    [Fact]
    public void Gpt2EncodesHelloWorldToKnownIds()
    {
        TiktokenTextTokenizer tokenizer = TiktokenTextTokenizer.Create("gpt2");
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal(50257, tokenizer.VocabSize);
        Assert.Equal(50256, tokenizer.EosTokenId);
        Assert.Equal("Hello world", tokenizer.Decode([15496, 995]));
        Assert.Equal("Ġworld", tokenizer.IdToToken(995));
        Assert.Equal(995, tokenizer.TokenToId("Ġworld"));
    }

    [Fact]
    public void Cl100kEncodesHelloWorldToKnownIds()
    {
        TiktokenTextTokenizer tokenizer = TiktokenTextTokenizer.Create("cl100k_base");
        Assert.Equal([9906, 1917], tokenizer.Encode("Hello world"));
        Assert.Equal(100257, tokenizer.EosTokenId);
    }

    [Theory]
    [InlineData("gpt2", 50256)]
    [InlineData("r50k_base", 50256)]
    [InlineData("cl100k_base", 100257)]
    [InlineData("o200k_base", 199999)]
    public void SpecialTokensAreNeverSplit(string encoding, int endOfText)
    {
        TiktokenTextTokenizer tokenizer = TiktokenTextTokenizer.Create(encoding);
        IReadOnlyList<int> hello = tokenizer.Encode("hello");
        Assert.Equal([.. hello, endOfText, .. hello], tokenizer.Encode("hello<|endoftext|>hello"));
        Assert.Equal(endOfText, tokenizer.SpecialTokens["<|endoftext|>"]);
        Assert.Equal("hellohello", tokenizer.Decode([.. hello, endOfText, .. hello], skipSpecialTokens: true));
        Assert.Equal("hello<|endoftext|>hello", tokenizer.Decode([.. hello, endOfText, .. hello]));
    }

    public static TheoryData<string> Texts() => TokenizationSamples.TheoryTexts();

    [Theory]
    [MemberData(nameof(Texts))]
    public void EveryVocabularyRoundTrips(string text)
    {
        foreach (string encoding in TiktokenTextTokenizer.EncodingNames)
        {
            TiktokenTextTokenizer tokenizer = TiktokenTextTokenizer.Create(encoding);
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Fact]
    public void UnknownEncodingListsValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TiktokenTextTokenizer.Create("p50k_edit"));
        Assert.Contains("gpt2, r50k_base, cl100k_base, o200k_base", error.Message);
    }
}
