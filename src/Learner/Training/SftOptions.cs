namespace PostTrain.Learner.Training;

/// <summary>SFT settings (TRL's SFTConfig in spirit): prompt masking is always on; packing and weighting optional.</summary>
public sealed record SftOptions
{
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Sequences per update (split evenly over the accumulation micro-batches).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Pack sequences into rows of at most this many tokens (documents never attend to each other); null = one per row.</summary>
    public int? PackingLength { get; init; }

    /// <summary>Train LoRA adapters instead of the full model; null = full fine-tuning.</summary>
    public PostTrain.Learner.Lora.LoraOptions? Lora { get; init; }

    /// <summary>LongWriter's weighting: each sequence's tokens weigh 1 / (its label count).</summary>
    public bool PerDocumentLoss { get; init; }
}
