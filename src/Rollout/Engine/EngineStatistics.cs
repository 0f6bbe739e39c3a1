namespace PostTrain.Rollout.Engine;

/// <summary>Where an engine's time went since it was built or last reset: prompt prefills versus decode steps.</summary>
public sealed class EngineStatistics
{
    public double PrefillSeconds { get; internal set; }
    public long PrefillTokens { get; internal set; }
    public double DecodeSeconds { get; internal set; }
    public long DecodeSteps { get; internal set; }

    /// <summary>Tokens produced by decode steps (the first token of each request comes from its prefill).</summary>
    public long DecodedTokens { get; internal set; }

    public double DecodeTokensPerSecond => DecodeSeconds > 0 ? DecodedTokens / DecodeSeconds : 0;

    public void Reset()
    {
        PrefillSeconds = DecodeSeconds = 0;
        PrefillTokens = DecodeSteps = DecodedTokens = 0;
    }
}
