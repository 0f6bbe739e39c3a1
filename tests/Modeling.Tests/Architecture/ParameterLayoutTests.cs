using System.Text.Json;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tests.Support;

namespace PostTrain.Modeling.Tests.Architecture;

/// <summary>Parameter names and shapes equal Hugging Face's for real published configs, built on the meta device.</summary>
public sealed class ParameterLayoutTests
{
    [Theory]
    [InlineData("qwen2.5-0.5b", 494_032_768L)]
    [InlineData("llama-3.2-1b", 1_235_814_400L)]
    [InlineData("qwen3-0.6b", 596_049_920L)]
    public void NamesAndShapesEqualHuggingFaces(string name, long parameterCount)
    {
        var config = DecoderConfigReader.ReadFile(Fixtures.RealConfig(name + ".json"));
        using var model = new CausalLanguageModel(config, ModelPlacement.Meta());

        var actual = model.named_parameters().Select(p => (p.name, string.Join(",", p.parameter.shape))).ToList();
        var expected = ReadExpected(Fixtures.RealConfig(name + ".params.json"));

        Assert.Equal(expected, actual);
        Assert.Equal(parameterCount, model.parameters().Sum(p => p.NumberOfElements));
        Assert.All(model.parameters(), p => Assert.Equal("meta", p.device.type.ToString().ToLowerInvariant()));
    }

    static List<(string, string)> ReadExpected(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject()
            .Select(p => (p.Name, string.Join(",", p.Value.EnumerateArray().Select(size => size.GetInt64()))))
            .ToList();
    }
}
