using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

internal static class Layers
{
    public static Linear Linear(long input, long output, bool bias, ModelPlacement placement) =>
        nn.Linear(input, output, hasBias: bias, device: placement.Device, dtype: placement.DType);
}
