using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Tests;

public sealed class InitModelAndInspectTests
{
    [Theory]
    [InlineData("qwen2", "builtin", "chatml")]
    [InlineData("qwen3", "builtin", "chatml")]
    [InlineData("llama", "gpt2", "llama3")]
    public void InitModelWritesAHuggingFaceFolderThatLoadsAndInspects(string arch, string tokenizer, string chat)
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");

        var init = PosttrainProcess.Run("init-model", "--arch", arch, "--tokenizer", tokenizer, "--out", folder);

        Assert.True(init.ExitCode == 0, init.Error);
        foreach (var file in new[] { "config.json", "model.safetensors", "generation_config.json", "tokenizer.json", "tokenizer_config.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing");
        var loaded = ModelLoader.Load(folder);
        var textTokenizer = TokenizerFactory.Load(folder);
        Assert.Equal(arch, loaded.Config.Family.ModelType());
        Assert.Equal(textTokenizer.VocabSize, loaded.Config.VocabSize);
        Assert.Equal(chat, textTokenizer.ChatTemplate.Name);
        Assert.Equal([textTokenizer.EosTokenId!.Value], loaded.Config.EosTokenIds);

        var inspect = PosttrainProcess.Run("inspect", "--model", folder);

        Assert.True(inspect.ExitCode == 0, inspect.Error);
        var parameters = loaded.Model.parameters().Sum(p => p.NumberOfElements);
        Assert.Contains($"parameters  {parameters:N0}", inspect.Output);
        Assert.Contains($"family      {arch}", inspect.Output);
        Assert.Contains($"chat        {chat}", inspect.Output);
    }

    [Fact]
    public void InitModelRefusesToOverwriteAModelAndLeavesItUntouched()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "qwen2", "--out", folder).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(folder, "model.safetensors"));

        var again = PosttrainProcess.Run("init-model", "--arch", "qwen2", "--seed", "5", "--out", folder);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public void UnknownTokenizerFailsBeforeWritingAnything()
    {
        using var temp = new TempDirectory();

        var result = PosttrainProcess.Run("init-model", "--arch", "llama", "--tokenizer", "nonesuch", "--out", temp.Combine("model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'nonesuch'", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void InspectNamesTheFileAndKeyOfAWrongShapeAndExitsNonZero()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "llama", "--out", folder).ExitCode);
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"hidden_size\": 64", "\"hidden_size\": 32"));

        var result = PosttrainProcess.Run("inspect", "--model", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(folder, "model.safetensors"), result.Error);
        Assert.Contains("'model.embed_tokens.weight'", result.Error);
    }

    [Fact]
    public void InspectReportsAnUnknownModelTypeWithTheKey()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "qwen3", "--out", folder).ExitCode);
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"qwen3\"", "\"gemma\""));

        var result = PosttrainProcess.Run("inspect", "--model", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config.json: 'model_type': 'gemma' is not supported", result.Error);
    }

    [Fact]
    public void InspectRejectsAnUnsupportedTokenizerModelNamingTheFileAndKey()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "qwen2", "--out", folder).ExitCode);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), """{"model": {"type": "Unigram", "vocab": []}}""");

        var result = PosttrainProcess.Run("inspect", "--model", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tokenizer.json", result.Error);
        Assert.Contains("model.type", result.Error);
    }
}
