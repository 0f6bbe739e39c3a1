using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>Where a model's parameters live and in which dtype. The <c>meta</c> device allocates nothing.</summary>
public sealed record ModelPlacement(Device Device, ScalarType DType)
{
    public static ModelPlacement Cpu(ScalarType dtype = ScalarType.Float32) => new(CPU, dtype);

    public static ModelPlacement Meta(ScalarType dtype = ScalarType.Float32) => new(device("meta"), dtype);
}
