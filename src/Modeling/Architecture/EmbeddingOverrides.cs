using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// Embeddings that take the place of the token embeddings at some positions of a [batch, time] input: a video's
/// frame tokens (MR-SP). <see cref="Positions"/> are flat indices into batch × time (int64 [k]); <see cref="Values"/>
/// is [k, hidden] and may carry gradient (a vision encoder trained with the model). Gradient reaches the token
/// embeddings of every other position only.
/// </summary>
public sealed class EmbeddingOverrides(Tensor positions, Tensor values) : IDisposable
{
    public Tensor Positions { get; } = positions;
    public Tensor Values { get; } = values;

    public Tensor Apply(Tensor tokenEmbeddings)
    {
        var shape = tokenEmbeddings.shape;
        return tokenEmbeddings.reshape(-1, shape[^1])
            .index_copy(0, Positions, Values.to(tokenEmbeddings.dtype))
            .reshape(shape);
    }

    /// <summary>
    /// Spans, each (flat start position, values [count, hidden]), gathered into one override that owns copies (the
    /// spans' tensors stay the caller's; gradient flows back to them).
    /// </summary>
    public static EmbeddingOverrides? Gather(IReadOnlyList<(long FlatStart, Tensor Values)> spans, Device device)
    {
        if (spans.Count == 0) return null;
        var positions = spans.SelectMany(s => Enumerable.Range(0, (int)s.Values.shape[0]).Select(i => s.FlatStart + i)).ToArray();
        var values = cat(spans.Select(s => s.Values.to(device)).ToList(), 0);
        return new EmbeddingOverrides(tensor(positions, device: device), values);
    }

    public void Dispose()
    {
        Positions.Dispose();
        Values.Dispose();
    }
}
