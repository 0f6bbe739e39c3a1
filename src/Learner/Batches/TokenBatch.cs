using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Batches;

/// <summary>
/// Token ids [batch, time] with their attention layout, and per-position training targets. Everything per token is
/// aligned with the hidden state that predicts it: at position t the target is the token at t + 1.
/// </summary>
public sealed class TokenBatch : IDisposable
{
    internal TokenBatch(Tensor ids, AttentionLayout layout, Tensor targets, Tensor lossMask, Tensor sequenceIndex, int sequences,
        EmbeddingOverrides? overrides = null)
    {
        Overrides = overrides;
        Ids = ids;
        Layout = layout;
        Targets = targets;
        LossMask = lossMask;
        SequenceIndex = sequenceIndex;
        Sequences = sequences;
    }

    public Tensor Ids { get; }
    public AttentionLayout Layout { get; }

    /// <summary>Given embeddings in place of some prompt tokens' (videos); null when there are none.</summary>
    public EmbeddingOverrides? Overrides { get; }

    /// <summary>The next token at each position [batch, time] (0 where there is none).</summary>
    public Tensor Targets { get; }

    /// <summary>1.0 where the target is a completion token to learn from, else 0 [batch, time] (float32).</summary>
    public Tensor LossMask { get; }

    /// <summary>Which training sequence each target belongs to [batch, time], -1 for none.</summary>
    public Tensor SequenceIndex { get; }

    /// <summary>Number of training sequences in the batch (rows, or documents when packed).</summary>
    public int Sequences { get; }

    public long Batch => Ids.shape[0];
    public long Time => Ids.shape[1];

    public void Dispose()
    {
        Ids.Dispose();
        Targets.Dispose();
        LossMask.Dispose();
        SequenceIndex.Dispose();
        Layout.Positions.Dispose();
        Layout.Documents?.Dispose();
        Overrides?.Dispose();
    }
}
