using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>One tensor's header entry; offsets are relative to the start of the data section.</summary>
public sealed record SafetensorsEntry(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);
}
