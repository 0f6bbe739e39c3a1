using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// Something added to a <see cref="Projection"/>'s output, such as a LoRA adapter. Adapters are not registered
/// submodules, so the model's own parameters (and its Hugging Face checkpoint) stay those of the base model.
/// </summary>
public interface IProjectionAdapter
{
    /// <summary>The amount added to the projection of <paramref name="input"/>.</summary>
    Tensor Delta(Tensor input);
}
