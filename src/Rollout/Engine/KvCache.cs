using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Keys and values for every layer, preallocated once for a fixed number of sequence slots and a fixed capacity:
/// [slots, kv_heads, capacity, head_dim] per layer, so each head's keys are contiguous for attention. Writing a
/// token is an index copy; nothing grows by concatenation.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] _keys;
    readonly Tensor[] _values;

    public KvCache(DecoderConfig config, int slots, int capacity, ModelPlacement placement)
    {
        Slots = slots;
        Capacity = capacity;
        _keys = new Tensor[config.NumHiddenLayers];
        _values = new Tensor[config.NumHiddenLayers];
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            _keys[layer] = zeros([slots, config.NumKeyValueHeads, capacity, config.HeadDim], placement.DType, placement.Device);
            _values[layer] = zeros([slots, config.NumKeyValueHeads, capacity, config.HeadDim], placement.DType, placement.Device);
        }
    }

    public int Slots { get; }
    public int Capacity { get; }

    public long Bytes => _keys.Sum(k => k.NumberOfElements * k.ElementSize) * 2;

    /// <summary>Writes keys/values [kv_heads, time, head_dim] of one slot at positions [0, time).</summary>
    public void WritePrefix(int layer, int slot, Tensor keys, Tensor values)
    {
        var time = keys.shape[1];
        _keys[layer][slot].narrow(1, 0, time).copy_(keys);
        _values[layer][slot].narrow(1, 0, time).copy_(values);
    }

    /// <summary>Writes one token's keys/values [n, kv_heads, head_dim] for slots 0..n-1 at the given positions.</summary>
    public void WriteTokens(int layer, Tensor flatIndices, Tensor keys, Tensor values)
    {
        Flat(_keys[layer]).index_copy_(0, flatIndices, keys.reshape(-1, keys.shape[^1]));
        Flat(_values[layer]).index_copy_(0, flatIndices, values.reshape(-1, values.shape[^1]));
    }

    /// <summary>Flat row index ((slot * kv_heads + head) * capacity + position) of each slot's next position, per head.</summary>
    public Tensor FlatIndices(long[] positions)
    {
        var heads = _keys[0].shape[1];
        var indices = new long[positions.Length * heads];
        for (var slot = 0; slot < positions.Length; slot++)
            for (var head = 0; head < heads; head++)
                indices[slot * heads + head] = (slot * heads + head) * Capacity + positions[slot];
        return tensor(indices, device: _keys[0].device);
    }

    /// <summary>Keys of slots 0..n-1 over positions [0, length) as [n, kv_heads, length, head_dim] (a view).</summary>
    public Tensor Keys(int layer, int n, int length) => _keys[layer].narrow(0, 0, n).narrow(2, 0, length);

    public Tensor Values(int layer, int n, int length) => _values[layer].narrow(0, 0, n).narrow(2, 0, length);

    /// <summary>Copies the first <paramref name="length"/> positions of one slot into another (slot compaction).</summary>
    public void MoveSlot(int from, int to, int length)
    {
        if (from == to || length == 0) return;
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer][to].narrow(1, 0, length).copy_(_keys[layer][from].narrow(1, 0, length));
            _values[layer][to].narrow(1, 0, length).copy_(_values[layer][from].narrow(1, 0, length));
        }
    }

    static Tensor Flat(Tensor cache) => cache.view(-1, cache.shape[3]);

    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values)) tensor.Dispose();
    }
}
