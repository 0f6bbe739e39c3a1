namespace PostTrain.Modeling.Vision;

/// <summary>
/// A small ViT vision tower and its projector into the language model (stored as <c>vision_config.json</c>, keys in
/// snake_case: <c>image_size</c>, <c>patch_size</c>, ...). Defaults suit 32x32 synthetic videos.
/// </summary>
public sealed record VisionConfig
{
    /// <summary>Frames are square, image_size x image_size pixels.</summary>
    public int ImageSize { get; init; } = 32;
    public int PatchSize { get; init; } = 8;
    public int HiddenSize { get; init; } = 64;
    public int NumLayers { get; init; } = 2;
    public int NumHeads { get; init; } = 4;
    public int IntermediateSize { get; init; } = 128;

    /// <summary>
    /// Consecutive frames each patch spans (a tubelet, as Qwen2-VL's temporal patch): with 2, a token sees how its
    /// patch changed between two frames, so motion is in the token itself. A clip's frames must be a multiple of it.
    /// </summary>
    public int TemporalPatchSize { get; init; } = 1;

    /// <summary>The patch grid is average-pooled by pool x pool before projection: fewer tokens per frame.</summary>
    public int Pool { get; init; } = 2;

    /// <summary>The language model's hidden size: each frame token is projected to it.</summary>
    public required int OutputSize { get; init; }

    /// <summary>Per-channel (R, G, B) normalisation of x / 255: (x - mean) / std.</summary>
    public IReadOnlyList<double> ImageMean { get; init; } = [0.5, 0.5, 0.5];
    public IReadOnlyList<double> ImageStd { get; init; } = [0.5, 0.5, 0.5];

    public double LayerNormEps { get; init; } = 1e-6;

    public int GridSize => ImageSize / PatchSize;
    public int PatchesPerFrame => GridSize * GridSize;
    public int PooledGridSize => GridSize / Pool;
    public int TokensPerFrame => PooledGridSize * PooledGridSize;
    public int HeadDim => HiddenSize / NumHeads;

    /// <summary>Tokens of a clip of <paramref name="frames"/> frames (a multiple of the temporal patch).</summary>
    public int TokensFor(int frames) => frames / TemporalPatchSize * TokensPerFrame;

    // The channel lists compare by value, so a config read back from its file equals the one written.
    public bool Equals(VisionConfig? other) =>
        other is not null && ImageSize == other.ImageSize && PatchSize == other.PatchSize &&
        HiddenSize == other.HiddenSize && NumLayers == other.NumLayers && NumHeads == other.NumHeads &&
        IntermediateSize == other.IntermediateSize && Pool == other.Pool && TemporalPatchSize == other.TemporalPatchSize && OutputSize == other.OutputSize &&
        ImageMean.SequenceEqual(other.ImageMean) && ImageStd.SequenceEqual(other.ImageStd) &&
        LayerNormEps.Equals(other.LayerNormEps);

    public override int GetHashCode() =>
        HashCode.Combine(ImageSize, PatchSize, HiddenSize, NumLayers, NumHeads, IntermediateSize, Pool, OutputSize);

    /// <summary>Each problem as the JSON key it concerns and what is wrong; empty for a usable config.</summary>
    public IReadOnlyList<(string Key, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        void Positive(string key, int value)
        {
            if (value <= 0) problems.Add((key, $"must be positive, found {value}"));
        }
        Positive("image_size", ImageSize);
        Positive("patch_size", PatchSize);
        Positive("hidden_size", HiddenSize);
        Positive("num_layers", NumLayers);
        Positive("num_heads", NumHeads);
        Positive("intermediate_size", IntermediateSize);
        Positive("pool", Pool);
        Positive("temporal_patch_size", TemporalPatchSize);
        Positive("output_size", OutputSize);
        if (ImageSize > 0 && PatchSize > 0 && ImageSize % PatchSize != 0)
            problems.Add(("image_size", $"{ImageSize} is not divisible by patch_size ({PatchSize})"));
        else if (ImageSize > 0 && PatchSize > 0 && Pool > 0 && GridSize % Pool != 0)
            problems.Add(("pool", $"the {GridSize}x{GridSize} patch grid (image_size / patch_size) is not divisible by pool ({Pool})"));
        if (HiddenSize > 0 && NumHeads > 0 && HiddenSize % NumHeads != 0)
            problems.Add(("num_heads", $"{NumHeads} does not divide hidden_size ({HiddenSize})"));
        CheckChannels(problems, "image_mean", ImageMean, positive: false);
        CheckChannels(problems, "image_std", ImageStd, positive: true);
        if (!(LayerNormEps > 0)) problems.Add(("layer_norm_eps", $"must be positive, found {LayerNormEps}"));
        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first problem, if any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
            throw new ArgumentException("vision config: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Problem}")));
    }

    static void CheckChannels(List<(string, string)> problems, string key, IReadOnlyList<double>? values, bool positive)
    {
        if (values is null || values.Count != 3)
            problems.Add((key, $"expected 3 values (R, G, B), found {values?.Count ?? 0}"));
        else if (values.Any(v => !double.IsFinite(v) || (positive && v <= 0)))
            problems.Add((key, positive ? "every value must be positive and finite" : "every value must be finite"));
    }
}
