using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tests.Support;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Checkpoints;

public sealed class SaveLoadTests
{
    [Theory]
    [InlineData(ModelFamily.Qwen2, ScalarType.Float32, false)]
    [InlineData(ModelFamily.Qwen3, ScalarType.BFloat16, true)]
    [InlineData(ModelFamily.Llama, ScalarType.BFloat16, false)]
    [InlineData(ModelFamily.Llama, ScalarType.Float32, true)]
    public void SaveThenLoadIsBitExact(ModelFamily family, ScalarType dtype, bool tied)
    {
        using var directory = new TempDirectory();
        var model = TinyModels.Create(family, dtype, tied);
        ModelSaver.Save(model, directory.Path);

        var loaded = ModelLoader.Load(directory.Path);

        Assert.Equal(model.Config.EosTokenIds, loaded.Config.EosTokenIds);
        Assert.Equal(model.Config, loaded.Config with { EosTokenIds = model.Config.EosTokenIds });
        AssertSameParameters(model, loaded.Model);
        Assert.Equal(tied, !File.ReadAllText(directory.File("model.safetensors")).Contains("lm_head.weight"));
        Assert.True(File.Exists(directory.File("generation_config.json")));
    }

    [Fact]
    public void ShardedSaveWritesAnIndexAndLoadsBitExact()
    {
        using var directory = new TempDirectory();
        var model = TinyModels.Create(ModelFamily.Qwen2);
        ModelSaver.Save(model, directory.Path, maxShardBytes: 64 * 1024);

        var shards = Directory.GetFiles(directory.Path, "model-*-of-*.safetensors");
        Assert.True(shards.Length > 1, $"expected several shards, found {shards.Length}");
        Assert.True(File.Exists(directory.File(CheckpointIndex.IndexFile)));
        Assert.False(File.Exists(directory.File(CheckpointIndex.SingleFile)));
        AssertSameParameters(model, ModelLoader.Load(directory.Path).Model);
    }

    [Fact]
    public void SavingOverAShardedCheckpointRemovesItsStaleShards()
    {
        using var directory = new TempDirectory();
        var model = TinyModels.Create(ModelFamily.Llama);
        ModelSaver.Save(model, directory.Path, maxShardBytes: 64 * 1024);
        ModelSaver.Save(model, directory.Path);

        Assert.Empty(Directory.GetFiles(directory.Path, "model-*-of-*.safetensors"));
        Assert.False(File.Exists(directory.File(CheckpointIndex.IndexFile)));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
        AssertSameParameters(model, ModelLoader.Load(directory.Path).Model);
    }

    [Fact]
    public void LoadingIntoAnotherDtypeCastsTheWeights()
    {
        using var directory = new TempDirectory();
        var model = TinyModels.Create(ModelFamily.Qwen3);
        ModelSaver.Save(model, directory.Path);

        var loaded = ModelLoader.Load(directory.Path, dtype: ScalarType.BFloat16);

        Assert.All(loaded.Model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        var original = model.Backbone.EmbedTokens.weight!;
        Assert.True(original.to(ScalarType.BFloat16).bytes.SequenceEqual(loaded.Model.Backbone.EmbedTokens.weight!.bytes));
    }

    static void AssertSameParameters(CausalLanguageModel expected, CausalLanguageModel actual)
    {
        var actualParameters = actual.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var expectedParameters = expected.named_parameters().ToList();
        Assert.Equal(expectedParameters.Count, actualParameters.Count);
        foreach (var (name, parameter) in expectedParameters)
        {
            var other = actualParameters[name];
            Assert.Equal(parameter.dtype, other.dtype);
            Assert.True(parameter.bytes.SequenceEqual(other.bytes), $"{name} differs after save and load");
        }
    }
}
