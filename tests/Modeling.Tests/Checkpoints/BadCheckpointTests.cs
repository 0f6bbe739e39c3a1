using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tests.Support;

namespace PostTrain.Modeling.Tests.Checkpoints;

/// <summary>Every broken model folder gives an error that names the file and the key.</summary>
public sealed class BadCheckpointTests
{
    [Fact]
    public void MissingConfigNamesTheFile()
    {
        using var directory = SavedTinyModel();
        File.Delete(directory.File("config.json"));

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Equal(directory.File("config.json"), error.File);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void MalformedConfigNamesTheFileAndLine()
    {
        using var directory = SavedTinyModel();
        File.WriteAllText(directory.File("config.json"), "{\n  \"model_type\": \"qwen2\",\n  \"hidden_size\": ,\n}");

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Contains("config.json", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void UnknownModelTypeNamesTheKeyAndTheSupportedTypes()
    {
        using var directory = SavedTinyModel();
        var config = File.ReadAllText(directory.File("config.json")).Replace("\"qwen2\"", "\"mistral\"");
        File.WriteAllText(directory.File("config.json"), config);

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Equal("model_type", error.Key);
        Assert.Contains("'mistral'", error.Message);
        Assert.Contains("qwen2, qwen3, llama", error.Message);
    }

    [Fact]
    public void WrongTypeOfValueNamesTheKey()
    {
        var error = Assert.Throws<ModelFormatException>(() => DecoderConfigReader.Parse(
            """{"model_type":"llama","vocab_size":"many","hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":2}"""));
        Assert.Equal("vocab_size", error.Key);
        Assert.Contains("expected an integer", error.Message);
    }

    [Fact]
    public void MissingTensorNamesTheKey()
    {
        using var directory = SavedTinyModel();
        var model = ModelLoader.Load(directory.Path).Model;
        var kept = model.named_parameters().Where(p => p.name != "model.layers.1.mlp.up_proj.weight")
            .Select(p => (p.name, (TorchSharp.torch.Tensor)p.parameter)).ToList();
        SafetensorsWriter.Write(directory.File("model.safetensors"), kept);

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Equal("model.layers.1.mlp.up_proj.weight", error.Key);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void WrongShapeNamesTheFileTheKeyAndBothShapes()
    {
        using var directory = SavedTinyModel();
        var config = File.ReadAllText(directory.File("config.json")).Replace("\"intermediate_size\": 176", "\"intermediate_size\": 160");
        File.WriteAllText(directory.File("config.json"), config);

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Equal(directory.File("model.safetensors"), error.File);
        Assert.Equal("model.layers.0.mlp.gate_proj.weight", error.Key);
        Assert.Contains("[176, 64]", error.Message);
        Assert.Contains("[160, 64]", error.Message);
    }

    [Fact]
    public void TruncatedSafetensorsNamesTheFileAndTheTensorThatIsCut()
    {
        using var directory = SavedTinyModel();
        var path = directory.File("model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Equal(path, error.File);
        Assert.Contains("truncated", error.Message);
        Assert.NotNull(error.Key);
    }

    [Fact]
    public void HeaderCutShortIsReportedAsTruncated()
    {
        using var directory = SavedTinyModel();
        var path = directory.File("model.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..40]);

        var error = Assert.Throws<ModelFormatException>(() => SafetensorsFile.Open(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void NoWeightsNamesBothExpectedFiles()
    {
        using var directory = SavedTinyModel();
        File.Delete(directory.File("model.safetensors"));

        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(directory.Path));

        Assert.Contains("model.safetensors.index.json", error.Message);
    }

    static TempDirectory SavedTinyModel()
    {
        var directory = new TempDirectory();
        ModelSaver.Save(TinyModels.Create(ModelFamily.Qwen2), directory.Path);
        return directory;
    }
}
