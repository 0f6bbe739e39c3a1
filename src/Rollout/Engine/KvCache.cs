using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Keys and values for every layer, preallocated once for a fixed number of sequence slots and a fixed capacity:
/// [slots, capacity, kv_heads, head_dim] per layer. Writing a token is an index copy; nothing grows by concatenation.
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
            _keys[layer] = zeros([slots, capacity, config.NumKeyValueHeads, config.HeadDim], placement.DType, placement.Device);
            _values[layer] = zeros([slots, capacity, config.NumKeyValueHeads, config.HeadDim], placement.DType, placement.Device);
        }
    }

    public int Slots { get; }
    public int Capacity { get; }

    public long Bytes => _keys.Sum(k => k.NumberOfElements * k.ElementSize) * 2;

    /// <summary>Writes keys/values [time, kv_heads, head_dim] of one slot at positions [0, time).</summary>
    public void WritePrefix(int layer, int slot, Tensor keys, Tensor values)
    {
        var time = keys.shape[0];
        _keys[layer][slot].narrow(0, 0, time).copy_(keys);
        _values[layer][slot].narrow(0, 0, time).copy_(values);
    }

    /// <summary>Writes one token's keys/values [n, kv_heads, head_dim] for slots 0..n-1 at the given positions.</summary>
    public void WriteTokens(int layer, Tensor flatIndices, Tensor keys, Tensor values)
    {
        Flat(_keys[layer]).index_copy_(0, flatIndices, keys);
        Flat(_values[layer]).index_copy_(0, flatIndices, values);
    }

    /// <summary>Flat row index (slot * capacity + position) of each slot's next position.</summary>
    public Tensor FlatIndices(long[] positions) =>
        tensor(positions.Select((position, slot) => (long)slot * Capacity + position).ToArray(), device: _keys[0].device);

    /// <summary>Keys of slots 0..n-1 over positions [0, length) as [n, kv_heads, length, head_dim] (a view).</summary>
    public Tensor Keys(int layer, int n, int length) => _keys[layer].narrow(0, 0, n).narrow(1, 0, length).transpose(1, 2);

    public Tensor Values(int layer, int n, int length) => _values[layer].narrow(0, 0, n).narrow(1, 0, length).transpose(1, 2);

    /// <summary>Copies the first <paramref name="length"/> positions of one slot into another (slot compaction).</summary>
    public void MoveSlot(int from, int to, int length)
    {
        if (from == to || length == 0) return;
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer][to].narrow(0, 0, length).copy_(_keys[layer][from].narrow(0, 0, length));
            _values[layer][to].narrow(0, 0, length).copy_(_values[layer][from].narrow(0, 0, length));
        }
    }

    static Tensor Flat(Tensor cache) => cache.view(-1, cache.shape[2], cache.shape[3]);

    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values)) tensor.Dispose();
    }
}
