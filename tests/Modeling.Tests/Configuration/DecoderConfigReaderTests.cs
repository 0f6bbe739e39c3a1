using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tests.Support;

namespace PostTrain.Modeling.Tests.Configuration;

public sealed class DecoderConfigReaderTests
{
    [Fact]
    public void ReadsLlama32sRealConfig()
    {
        var config = DecoderConfigReader.ReadFile(Fixtures.RealConfig("llama-3.2-1b.json"));

        Assert.Equal(ModelFamily.Llama, config.Family);
        Assert.Equal(64, config.HeadDim);
        Assert.Equal(4, config.KeyValueGroups);
        Assert.True(config.TieWordEmbeddings);
        Assert.Equal(new RopeScaling("llama3", 32.0, 1.0, 4.0, 8192), config.RopeScaling);
        Assert.Equal(500000.0, config.RopeTheta);
        Assert.False(config.AttentionBias);
    }

    [Fact]
    public void ReadsQwen25sRealConfigWithBiasedAttention()
    {
        var config = DecoderConfigReader.ReadFile(Fixtures.RealConfig("qwen2.5-0.5b.json"));

        Assert.Equal(ModelFamily.Qwen2, config.Family);
        Assert.Equal(64, config.HeadDim);
        Assert.True(config.AttentionBias);
        Assert.False(config.OutputProjectionBias);
        Assert.Null(config.RopeScaling);
        Assert.Equal("bfloat16", config.TorchDtype);
    }

    [Fact]
    public void AcceptsEosTokenIdAsAList()
    {
        var config = DecoderConfigReader.Parse(
            """{"model_type":"llama","vocab_size":10,"hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":2,"eos_token_id":[5,7]}""");
        Assert.Equal([5, 7], config.EosTokenIds);
        Assert.Equal(2, config.NumKeyValueHeads);
    }

    [Theory]
    [InlineData("\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":2.0}", "rope_scaling.rope_type")]
    [InlineData("\"rope_scaling\":{\"type\":\"linear\"}", "rope_scaling.factor")]
    [InlineData("\"num_key_value_heads\":3", "num_key_value_heads")]
    [InlineData("\"hidden_act\":\"gelu\"", "hidden_act")]
    public void RejectsWhatItCannotBuildNamingTheKey(string extra, string key)
    {
        var error = Assert.Throws<ModelFormatException>(() => DecoderConfigReader.Parse(
            "{\"model_type\":\"llama\",\"vocab_size\":10,\"hidden_size\":8,\"intermediate_size\":8,\"num_hidden_layers\":1,\"num_attention_heads\":2," + extra + "}"));
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void MissingRequiredSizeNamesTheKey()
    {
        var error = Assert.Throws<ModelFormatException>(() => DecoderConfigReader.Parse("""{"model_type":"qwen2"}"""));
        Assert.Equal("hidden_size", error.Key);
    }
}
