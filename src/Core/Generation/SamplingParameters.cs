namespace PostTrain.Core.Generation;

/// <summary>
/// How one request is sampled. Defaults are those of Hugging Face <c>generate</c> with sampling on, so that a
/// recipe that leaves a value out gets what a TRL or verl user would expect.
/// </summary>
public sealed record SamplingParameters
{
    /// <summary>Softmax temperature; 0 means greedy (argmax). 1.0 samples the model's own distribution.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this mass. 1.0 keeps all.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 keeps all.</summary>
    public int TopK { get; init; }

    /// <summary>CTRL-style penalty on tokens already in the prompt or output (1.0 = none), as in transformers.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>Total new tokens a sample may have (across all segments); reaching it finishes with Length.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Token ids that end the sample with Stop (in addition to the model's end-of-sequence ids).</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Strings that end the sample with Stop once the decoded output contains one.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Seed of this request's random stream; the same seed gives the same output.</summary>
    public long Seed { get; init; }

    public bool IsGreedy => Temperature == 0.0;
}
