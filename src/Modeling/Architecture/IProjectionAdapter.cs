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

    /// <summary>
    /// The same as a change of the projection's weight [out, in], for inference (no dropout): what merging the adapter
    /// adds, and what a copy of the model's weights for a decoder without adapters needs.
    /// </summary>
    Tensor DenseDelta();
}
