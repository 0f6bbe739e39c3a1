using PostTrain.Core.Generation;

namespace PostTrain.Core.Tests;

public sealed class SamplingParametersValidatorTests
{
    [Fact]
    public void DefaultsAreValid() => SamplingParametersValidator.Validate(new SamplingParameters());

    [Theory]
    [InlineData(-0.5, 1.0, 0, 1.0, 10, "temperature")]
    [InlineData(double.NaN, 1.0, 0, 1.0, 10, "temperature")]
    [InlineData(1.0, 0.0, 0, 1.0, 10, "top_p")]
    [InlineData(1.0, 1.5, 0, 1.0, 10, "top_p")]
    [InlineData(1.0, 1.0, -1, 1.0, 10, "top_k")]
    [InlineData(1.0, 1.0, 0, 0.0, 10, "repetition_penalty")]
    [InlineData(1.0, 1.0, 0, 1.0, 0, "max_new_tokens")]
    public void InvalidValuesAreNamed(double temperature, double topP, int topK, double penalty, int maxNew, string name)
    {
        var parameters = new SamplingParameters
        {
            Temperature = temperature, TopP = topP, TopK = topK, RepetitionPenalty = penalty, MaxNewTokens = maxNew,
        };
        var error = Assert.Throws<ArgumentException>(() => SamplingParametersValidator.Validate(parameters));
        Assert.Contains(name, error.Message);
    }
}
