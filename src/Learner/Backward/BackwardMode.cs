namespace PostTrain.Learner.Backward;

/// <summary>How the gradient of a batch is computed; all three give the same gradient.</summary>
public enum BackwardMode
{
    /// <summary>One forward with autograd over the whole batch and full-vocabulary logits.</summary>
    Plain,

    /// <summary>Gradient checkpointing: keep each layer's input, recompute one layer at a time on the way back.</summary>
    Checkpoint,

    /// <summary>StreamBP: checkpointing plus a sequence-chunked loss head and sequence-chunked layer backward.</summary>
    StreamBP,
}

/// <summary>Backward settings. Chunk sizes trade speed for memory; the gradient does not depend on them.</summary>
public sealed record BackwardOptions
{
    public BackwardMode Mode { get; init; } = BackwardMode.StreamBP;

    /// <summary>Positions per loss-head chunk: at most [batch, chunk, vocab] logits exist at once (paper: 100-500).</summary>
    public int HeadChunk { get; init; } = 256;

    /// <summary>Query positions per layer chunk in StreamBP.</summary>
    public int QueryChunk { get; init; } = 512;

    public static void Validate(BackwardOptions options)
    {
        if (options.HeadChunk <= 0 || options.QueryChunk <= 0)
            throw new ArgumentException($"chunk sizes must be positive, got head {options.HeadChunk}, query {options.QueryChunk}");
    }
}
