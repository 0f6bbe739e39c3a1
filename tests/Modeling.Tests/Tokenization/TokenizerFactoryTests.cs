using PostTrain.Modeling.Tokenization;
using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

public sealed class TokenizerFactoryTests
{
    [Theory]
    [InlineData("gpt2", 50257)]
    [InlineData("R50K_BASE", 50257)]
    [InlineData("cl100k_base", 100277)]
    [InlineData("o200k_base", 200019)]
    public void NamedTiktokenSpecsLoad(string spec, int vocabSize)
    {
        ITextTokenizer tokenizer = TokenizerFactory.Load(spec);
        Assert.IsType<TiktokenTextTokenizer>(tokenizer);
        Assert.Equal(vocabSize, tokenizer.VocabSize);
        Assert.Same(ChatTemplate.Plain, tokenizer.ChatTemplate);
        Assert.Same(ChatTemplate.ChatMl, TokenizerFactory.Load(spec, ChatTemplate.ChatMl).ChatTemplate);
    }

    [Fact]
    public void PathsToFileOrFolderLoadTheSameTokenizer()
    {
        using var folder = TokenizationSamples.CreateTempFolder();
        TokenizerFiles.Write("cl100k_base", folder.Path, ChatTemplate.Llama3);
        ITextTokenizer fromFolder = TokenizerFactory.Load(folder.Path);
        ITextTokenizer fromFile = TokenizerFactory.Load(Path.Combine(folder.Path, "tokenizer.json"));
        ITextTokenizer tiktoken = TokenizerFactory.Load("cl100k_base");

        Assert.Same(ChatTemplate.Llama3, fromFolder.ChatTemplate);
        Assert.Equal(fromFolder.VocabSize, fromFile.VocabSize);
        Assert.Equal(100277 + 4, fromFolder.VocabSize);
        string prompt = ChatTemplate.Llama3.Render([new ChatMessage("user", "Wie spät ist es? 🕰️")], addGenerationPrompt: true);
        IReadOnlyList<int> ids = fromFolder.Encode(prompt);
        Assert.Equal(ids, fromFile.Encode(prompt));
        Assert.Equal(fromFolder.BosTokenId, ids[0]);
        Assert.Equal(prompt, fromFolder.Decode(ids));
        Assert.Equal(tiktoken.Encode("Wie spät ist es? 🕰️"), fromFolder.Encode("Wie spät ist es? 🕰️"));
    }
}
