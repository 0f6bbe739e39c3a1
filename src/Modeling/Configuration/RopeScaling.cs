namespace PostTrain.Modeling.Configuration;

/// <summary>
/// Hugging Face <c>rope_scaling</c>: <c>linear</c> divides every frequency by <see cref="Factor"/>; <c>llama3</c>
/// leaves high frequencies alone, divides low ones by the factor and interpolates between the two bands.
/// </summary>
public sealed record RopeScaling(
    string Type,
    double Factor,
    double LowFrequencyFactor = 1.0,
    double HighFrequencyFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192)
{
    public const string Linear = "linear";
    public const string Llama3 = "llama3";
}
