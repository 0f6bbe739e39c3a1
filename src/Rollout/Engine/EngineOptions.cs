namespace PostTrain.Rollout.Engine;

/// <summary>Sizes of the generation engine; fixed when the engine is built, since the KV cache is preallocated.</summary>
public sealed record EngineOptions
{
    /// <summary>Sequences decoded together (cache slots). 32 keeps 2 CPU cores busy on the 20-50M presets.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>Longest prompt plus output a slot holds; null uses the model's max_position_embeddings, capped at 4096.</summary>
    public int? MaxSequenceLength { get; init; }

    /// <summary>
    /// What one more prefill call costs, in tokens of prefill work: it decides how far sequences of different lengths
    /// are padded into one call (<see cref="PrefillPlan"/>). Measured about 200 for the tiny preset on 2 CPU cores
    /// (2 ms a call, 10 us a token); a larger model makes a call relatively cheaper.
    /// </summary>
    public int PrefillCallTokens { get; init; } = 128;

    public static void Validate(EngineOptions options)
    {
        if (options.MaxBatchSize <= 0)
            throw new ArgumentException($"max batch size must be positive, got {options.MaxBatchSize}");
        if (options.MaxSequenceLength is <= 1)
            throw new ArgumentException($"max sequence length must be at least 2, got {options.MaxSequenceLength}");
        if (options.PrefillCallTokens < 0)
            throw new ArgumentException($"prefill call tokens must be at least 0, got {options.PrefillCallTokens}");
    }
}
