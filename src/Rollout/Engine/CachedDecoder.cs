using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Runs a <see cref="CausalLanguageModel"/> against a <see cref="KvCache"/>: a prefill writes whole prompts into
/// slots; a decode step feeds one new token for each of slots 0..n-1, each at its own position.
/// </summary>
internal sealed class CachedDecoder(CausalLanguageModel model, KvCache cache)
{
    public KvCache Cache { get; } = cache;

    /// <summary>
    /// Prefills several sequences in one batch, right-padded to the longest: with a causal mask no real token sees the
    /// padding, and only real positions reach the cache. Sequence i goes to slot <paramref name="firstSlot"/> + i.
    /// Returns each sequence's last-position float32 logits [k, vocab]. <paramref name="embeddings"/>, when given, holds
    /// each sequence's prompt embeddings (a video's frames).
    /// </summary>
    public Tensor Prefill(int firstSlot, IReadOnlyList<long[]> sequences, IReadOnlyList<IReadOnlyList<EmbeddingSpan>>? embeddings = null)
    {
        using var scope = NewDisposeScope();
        var k = sequences.Count;
        var time = sequences.Max(s => s.Length);
        var padded = new long[k * time];
        for (var i = 0; i < k; i++) sequences[i].CopyTo(padded, i * time);
        var device = model.Placement.Device;
        using var overrides = Overrides(embeddings, time, device);
        var hidden = model.Backbone.Embed(tensor(padded, [k, time], device: device), overrides);
        var (cos, sin) = model.Rotary.Angles(arange(time, device: device).unsqueeze(0), hidden.dtype);
        var layers = model.Backbone.Layers;
        for (var index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            var attention = layer.SelfAttention;
            var normed = layer.InputNorm.forward(hidden);
            var queries = attention.Queries(normed, cos, sin);
            var keys = attention.Keys(normed, cos, sin);
            var values = attention.Values(normed);
            for (var i = 0; i < k; i++)
                Cache.WritePrefix(index, firstSlot + i, keys[i].narrow(1, 0, sequences[i].Length), values[i].narrow(1, 0, sequences[i].Length));
            hidden = layer.FeedForward(hidden + attention.Attend(queries, keys, values, null));
        }
        var rows = arange(k, ScalarType.Int64, device);
        var lastPositions = tensor(sequences.Select(s => (long)s.Length - 1).ToArray(), device: device);
        var last = model.Backbone.Norm.forward(hidden.index(TensorIndex.Tensor(rows), TensorIndex.Tensor(lastPositions)));
        return model.Logits(last).to(ScalarType.Float32).contiguous().MoveToOuterDisposeScope();
    }

    static EmbeddingOverrides? Overrides(IReadOnlyList<IReadOnlyList<EmbeddingSpan>>? embeddings, int time, Device device) =>
        embeddings is null ? null
        : EmbeddingOverrides.Gather(embeddings.SelectMany((spans, row) => spans.Select(span =>
            ((long)row * time + span.Start, tensor(span.Values, [span.Count, span.Hidden])))).ToList(), device);

    /// <summary>
    /// One decode step: <paramref name="tokens"/>[i] enters slot i at position <paramref name="positions"/>[i].
    /// Returns float32 logits [n, vocab].
    /// </summary>
    public Tensor Decode(long[] tokens, long[] positions)
    {
        using var scope = NewDisposeScope();
        var n = tokens.Length;
        var device = model.Placement.Device;
        var length = (int)positions.Max() + 1;
        var positionTensor = tensor(positions, [n, 1], device: device);
        var hidden = model.Backbone.EmbedTokens.forward(tensor(tokens, [n, 1], device: device));
        var (cos, sin) = model.Rotary.Angles(positionTensor, hidden.dtype);
        var flat = Cache.FlatIndices(positions);
        // [n, 1, 1, length]: slot i sees its own positions 0..positions[i].
        var mask = (arange(length, device: device).unsqueeze(0) <= positionTensor).unsqueeze(1).unsqueeze(1);
        var layers = model.Backbone.Layers;
        for (var index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            var attention = layer.SelfAttention;
            var normed = layer.InputNorm.forward(hidden);
            var queries = attention.Queries(normed, cos, sin);
            Cache.WriteTokens(index, flat, attention.Keys(normed, cos, sin).select(2, 0), attention.Values(normed).select(2, 0));
            var attended = GroupedDecodeAttention(queries, Cache.Keys(index, n, length), Cache.Values(index, n, length), mask,
                attention.Heads / attention.KeyValueHeads);
            hidden = layer.FeedForward(hidden + attention.ProjectOutput(attended));
        }
        var last = model.Backbone.Norm.forward(hidden.select(1, 0));
        return model.Logits(last).to(ScalarType.Float32).contiguous().MoveToOuterDisposeScope();
    }

    // With one query per sequence, the query heads that share a key/value head are folded into the query-time
    // axis, so each cached key/value head is read once instead of being copied once per group. Written out rather
    // than through SDPA, which is slower for these small shapes on CPU; softmax in float32 as transformers does.
    static Tensor GroupedDecodeAttention(Tensor queries, Tensor keys, Tensor values, Tensor mask, int groups)
    {
        using var scope = NewDisposeScope();
        var (n, heads, dim) = (queries.shape[0], queries.shape[1], queries.shape[3]);
        var folded = queries.reshape(n, heads / groups, groups, dim);
        var scores = folded.matmul(keys.transpose(-1, -2)).to(ScalarType.Float32) / Math.Sqrt(dim);
        var weights = scores.masked_fill(mask.logical_not(), double.NegativeInfinity).softmax(-1).to(values.dtype);
        return weights.matmul(values).reshape(n, heads, 1, dim).MoveToOuterDisposeScope();
    }
}
