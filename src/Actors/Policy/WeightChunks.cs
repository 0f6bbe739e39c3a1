using PostTrain.Actors.Contracts;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Actors.Policy;

/// <summary>Cuts a snapshot's tensors into byte chunks of a fixed size and puts them back together, bit for bit.</summary>
public static class WeightChunks
{
    /// <summary>4 MiB: large enough that per-message overhead vanishes, far below Orleans' 100 MB message limit.</summary>
    public const int DefaultChunkBytes = 4 << 20;

    public static PolicyTensor[] Describe(PolicySnapshot snapshot) => snapshot.Tensors.Select(t => new PolicyTensor
    {
        Name = t.Name,
        Shape = t.Tensor.shape,
        DType = TorchDTypeNames.NameOf(t.Tensor.dtype),
        Bytes = t.Tensor.NumberOfElements * SafetensorsDTypes.ElementSize(t.Tensor.dtype),
    }).ToArray();

    public static IEnumerable<byte[]> Split(PolicySnapshot snapshot, int chunkBytes)
    {
        var chunk = new byte[chunkBytes];
        var filled = 0;
        foreach (var (_, tensor) in snapshot.Tensors)
        {
            byte[] bytes;
            using (var contiguous = tensor.contiguous()) bytes = contiguous.bytes.ToArray();
            for (var offset = 0; offset < bytes.Length;)
            {
                var take = Math.Min(chunkBytes - filled, bytes.Length - offset);
                bytes.AsSpan(offset, take).CopyTo(chunk.AsSpan(filled));
                filled += take;
                offset += take;
                if (filled < chunkBytes) continue;
                yield return chunk;
                chunk = new byte[chunkBytes];
                filled = 0;
            }
        }
        if (filled > 0) yield return chunk[..filled];
    }

    /// <summary>Rebuilds the tensors of <paramref name="manifest"/> from its chunks, fetched in order.</summary>
    public static async Task<List<(string Name, Tensor Tensor)>> JoinAsync(PolicyManifest manifest, Func<int, Task<byte[]>> fetchChunk)
    {
        var buffers = manifest.Tensors.Select(t => new byte[t.Bytes]).ToArray();
        var (tensorIndex, tensorOffset, total) = (0, 0L, 0L);
        for (var index = 0; index < manifest.ChunkCount; index++)
        {
            var chunk = await fetchChunk(index);
            var expected = (int)Math.Min(manifest.ChunkBytes, manifest.TotalBytes - total);
            if (chunk.Length != expected)
                throw new InvalidDataException($"policy version {manifest.Version}: chunk {index} has {chunk.Length} bytes, expected {expected}");
            total += chunk.Length;
            for (var used = 0; used < chunk.Length;)
            {
                while (tensorOffset == buffers[tensorIndex].Length) (tensorIndex, tensorOffset) = (tensorIndex + 1, 0);
                var take = (int)Math.Min(chunk.Length - used, buffers[tensorIndex].Length - tensorOffset);
                chunk.AsSpan(used, take).CopyTo(buffers[tensorIndex].AsSpan((int)tensorOffset));
                used += take;
                tensorOffset += take;
            }
        }
        return manifest.Tensors.Select((spec, i) =>
        {
            var tensor = empty(spec.Shape, dtype: TorchDTypeNames.Parse(spec.DType, "policy manifest", spec.Name));
            if (spec.Bytes > 0) tensor.bytes = buffers[i];
            return (spec.Name, tensor);
        }).ToList();
    }
}
