namespace PostTrain.Recipes.Binding;

/// <summary><c>model</c>: exactly one of <see cref="Path"/> (a full path) and <see cref="Init"/>.</summary>
public sealed record ModelSpec(string? Path, ModelInit? Init, string DType, string Device)
{
    /// <summary>The vision encoder to create when the model folder has none; null = none (a folder's own still loads).</summary>
    public VisionSpec? Vision { get; init; }
}
