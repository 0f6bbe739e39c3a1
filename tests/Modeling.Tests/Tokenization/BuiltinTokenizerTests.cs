using System.Text;
using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

public sealed class BuiltinTokenizerTests
{
    private static readonly ITextTokenizer s_builtin = TokenizerFactory.Load("builtin");

    [Fact]
    public void BytesAreIdsAndSpecialTokensFollow()
    {
        Assert.Equal(260, s_builtin.VocabSize);
        Assert.Equal([104, 105, 32, 33], s_builtin.Encode("hi !"));
        Assert.Equal([257, 117, 115, 101, 114, 10], s_builtin.Encode("<|im_start|>user\n"));
        Assert.Equal(256, s_builtin.TokenToId("<|endoftext|>"));
        Assert.Equal(258, s_builtin.EosTokenId);
        Assert.Equal(259, s_builtin.PadTokenId);
        Assert.Null(s_builtin.BosTokenId);
        Assert.Same(ChatTemplate.ChatMl, s_builtin.ChatTemplate);
        Assert.Equal("Ġ", s_builtin.IdToToken(32));
    }

    public static TheoryData<string> Texts() => TokenizationSamples.TheoryTexts();

    [Theory]
    [MemberData(nameof(Texts))]
    public void RoundTripsAndEncodesEveryUtf8Byte(string text)
    {
        IReadOnlyList<int> ids = s_builtin.Encode(text);
        Assert.Equal(Encoding.UTF8.GetBytes(text).Select(b => (int)b), ids);
        Assert.Equal(text, s_builtin.Decode(ids));
    }

    [Fact]
    public void ChatPromptKeepsSpecialTokensWhole()
    {
        string prompt = s_builtin.ChatTemplate.Render([new ChatMessage("user", "1+1=")], addGenerationPrompt: true);
        IReadOnlyList<int> ids = s_builtin.Encode(prompt);
        Assert.Equal(257, ids[0]);
        Assert.Equal(2, ids.Count(id => id == 257));
        Assert.Equal(1, ids.Count(id => id == 258));
        Assert.Equal("user\n1+1=\nassistant\n", s_builtin.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void WrittenFilesLoadToTheSameTokenizer()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        TokenizerFiles.Write("builtin", folder.Path, ChatTemplate.ChatMl);
        ITextTokenizer loaded = TokenizerFactory.Load(folder.Path);
        Assert.IsType<HuggingFaceTokenizer>(loaded);
        Assert.Equal(s_builtin.SpecialTokens, loaded.SpecialTokens);
        Assert.Equal(s_builtin.EosTokenId, loaded.EosTokenId);
        Assert.Same(ChatTemplate.ChatMl, loaded.ChatTemplate);
        foreach (string text in TokenizationSamples.Texts)
        {
            Assert.Equal(s_builtin.Encode(text), loaded.Encode(text));
        }
    }

    [Fact]
    public void Llama3TemplateAddsItsHeaderTokens()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        TokenizerFiles.Write("builtin", folder.Path, ChatTemplate.Llama3);
        HuggingFaceTokenizer loaded = HuggingFaceTokenizer.Load(folder.Path);
        Assert.Equal(264, loaded.VocabSize);
        Assert.Equal(260, loaded.BosTokenId);
        Assert.Equal(263, loaded.EosTokenId);
        Assert.Equal("<|begin_of_text|>", loaded.Config.BosToken);
        Assert.Same(ChatTemplate.Llama3, loaded.ChatTemplate);
        Assert.Equal([260, 261, 104, 105, 262], loaded.Encode("<|begin_of_text|><|start_header_id|>hi<|end_header_id|>"));
    }
}
