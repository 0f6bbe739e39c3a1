using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Binding;

/// <summary>
/// <c>model.vision</c>: a vision encoder and projector for video prompts (MR-SP), created with the model when the
/// model folder has none; its output size is the language model's hidden size.
/// </summary>
public sealed record VisionSpec(int ImageSize, int PatchSize, int HiddenSize, int NumLayers, int NumHeads, int IntermediateSize, int Pool, int Seed)
{
    /// <summary>Consecutive frames each patch spans.</summary>
    public int TemporalPatchSize { get; init; } = 1;

    /// <summary>Subtracted from every channel of pixels scaled to [0, 1].</summary>
    public double ImageMean { get; init; }

    /// <summary>Divides every channel after the mean.</summary>
    public double ImageStd { get; init; } = 1;

    public VisionConfig Config(int outputSize) => new()
    {
        ImageSize = ImageSize, PatchSize = PatchSize, HiddenSize = HiddenSize, NumLayers = NumLayers, NumHeads = NumHeads,
        IntermediateSize = IntermediateSize, Pool = Pool, TemporalPatchSize = TemporalPatchSize, OutputSize = outputSize,
        ImageMean = [ImageMean, ImageMean, ImageMean], ImageStd = [ImageStd, ImageStd, ImageStd],
    };
}
