using System.Text.Json;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Tests.Support;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Architecture;

/// <summary>
/// Logits of tiny random models against an independent PyTorch implementation that follows transformers'
/// modelling code (Fixtures/reference/make_reference.py).
/// </summary>
public sealed class ReferenceLogitsTests
{
    [Theory]
    [InlineData("qwen2")]
    [InlineData("qwen3")]
    [InlineData("llama")]
    [InlineData("llama_mha")]
    [InlineData("llama_rope_linear")]
    [InlineData("llama_rope_llama3")]
    public void Float32LogitsMatchReferenceWithin1e4Relative(string name)
    {
        var (actual, expected) = Run(name);
        var relative = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.True(relative < 1e-4, $"{name}: max |difference| / max |reference| = {relative}");
    }

    [Fact]
    public void BFloat16LogitsMatchReferenceWithinBFloat16Precision()
    {
        var (actual, expected) = Run("qwen2_bf16");
        Assert.Equal(ScalarType.BFloat16, ModelLoader.Load(Fixtures.Reference("qwen2_bf16")).Model.LmHeadWeight.dtype);
        // bf16 keeps 8 significant bits; summation order differs between libtorch builds.
        var relative = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.True(relative < 3e-2, $"max |difference| / max |reference| = {relative}");
    }

    static (Tensor Actual, Tensor Expected) Run(string name)
    {
        var directory = Fixtures.Reference(name);
        var loaded = ModelLoader.Load(directory);
        Assert.Empty(loaded.UnusedKeys);
        var ids = ReadInputIds(Path.Combine(directory, "inputs.json"));
        using var _ = no_grad();
        var actual = loaded.Model.forward(ids).to(ScalarType.Float32);
        var expected = SafetensorsFile.Open(Path.Combine(directory, "logits.safetensors")).Read("logits");
        Assert.Equal(expected.shape, actual.shape);
        return (actual, expected);
    }

    static Tensor ReadInputIds(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var rows = document.RootElement.GetProperty("input_ids").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(id => id.GetInt64()).ToArray()).ToArray();
        return tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length], dtype: ScalarType.Int64);
    }
}
