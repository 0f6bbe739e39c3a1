using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Tests.Support;
using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Vision;

/// <summary>vision_config.json + vision.safetensors beside a language model: exact round trips, precise errors.</summary>
public sealed class VisionEncoderFilesTests
{
    static readonly VisionConfig Config = new() { OutputSize = 40, TemporalPatchSize = 2, ImageMean = [0.4, 0.5, 0.6], ImageStd = [0.2, 0.25, 0.3] };

    public VisionEncoderFilesTests() => set_num_threads(2);

    [Fact]
    public void SaveThenLoadGivesBitIdenticalOutputsAndLeavesTheModelsFilesAlone()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("config.json"), "{\"model_type\": \"qwen2\"}");
        File.WriteAllBytes(directory.File("model.safetensors"), [1, 2, 3]);
        Assert.False(VisionEncoderFiles.Exists(directory.Path));
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 11);

        VisionEncoderFiles.Save(directory.Path, encoder);
        using var loaded = VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu());

        Assert.True(VisionEncoderFiles.Exists(directory.Path));
        Assert.Equal(Config, loaded.Config);
        using var pixels = FramePreprocessor.ToPixels(new VideoClip(4, 32, 32, RawVideos.RandomFrames(4, 32, 6)), Config);
        using var expected = encoder.Encode(pixels);
        using var actual = loaded.Encode(pixels);
        Assert.True(expected.bytes.SequenceEqual(actual.bytes));
        Assert.Equal("{\"model_type\": \"qwen2\"}", File.ReadAllText(directory.File("config.json")));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(directory.File("model.safetensors")));
        Assert.Equal(
            new[] { "config.json", "model.safetensors", "vision.safetensors", "vision_config.json" },
            Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LoadingIntoAnotherDtypeCastsTheWeights()
    {
        using var directory = new TempDirectory();
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 12);
        VisionEncoderFiles.Save(directory.Path, encoder);

        using var loaded = VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu(ScalarType.BFloat16));

        Assert.All(loaded.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        var original = encoder.named_parameters().Single(p => p.name == "blocks.1.attn.qkv.weight").parameter;
        var cast = loaded.named_parameters().Single(p => p.name == "blocks.1.attn.qkv.weight").parameter;
        Assert.True(original.to(ScalarType.BFloat16).bytes.SequenceEqual(cast.bytes));
    }

    [Fact]
    public void AMissingOrMalformedConfigNamesTheFileAndKey()
    {
        using var directory = new TempDirectory();
        var configPath = directory.File(VisionConfigFile.FileName);

        var missing = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal(configPath, missing.File);
        Assert.Contains("file not found", missing.Message);

        File.WriteAllText(configPath, "{ \"image_size\": 32,");
        Assert.Contains("not valid JSON",
            Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu())).Message);

        File.WriteAllText(configPath, "{ \"image_size\": 32 }");
        var noOutput = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal(("output_size", $"{configPath}: 'output_size': missing; expected an integer"), (noOutput.Key, noOutput.Message));

        File.WriteAllText(configPath, "{ \"image_size\": 30, \"output_size\": 8 }");
        var indivisible = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal("image_size", indivisible.Key);
        Assert.Contains("30 is not divisible by patch_size (8)", indivisible.Message);

        File.WriteAllText(configPath, "{ \"output_size\": 8, \"image_std\": [0.5, 0.5] }");
        Assert.Contains("'image_std': expected 3 values (R, G, B), found 2",
            Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu())).Message);
    }

    [Fact]
    public void MissingOrMisShapedWeightsNameTheFileAndTensor()
    {
        using var directory = new TempDirectory();
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 13);
        VisionEncoderFiles.Save(directory.Path, encoder);
        var weightsPath = directory.File(VisionEncoderFiles.WeightsFileName);
        var tensors = encoder.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();

        SafetensorsWriter.Write(weightsPath, tensors.Where(t => t.name != "blocks.1.mlp.fc2.weight").ToList());
        var missing = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal((weightsPath, "blocks.1.mlp.fc2.weight"), (missing.File, missing.Key));
        Assert.Contains("tensor missing", missing.Message);

        using var wrong = zeros(1, 8, 64);
        SafetensorsWriter.Write(weightsPath, tensors.Select(t => t.name == "pos_embed" ? (t.name, wrong) : t).ToList());
        var misShaped = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal("pos_embed", misShaped.Key);
        Assert.Contains("shape [1, 8, 64] does not match vision_config.json, which implies [1, 16, 64]", misShaped.Message);

        File.Delete(weightsPath);
        var noWeights = Assert.Throws<ModelFormatException>(() => VisionEncoderFiles.Load(directory.Path, ModelPlacement.Cpu()));
        Assert.Equal(weightsPath, noWeights.File);
        Assert.Contains("file not found", noWeights.Message);
    }
}
