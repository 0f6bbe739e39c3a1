using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// A ViT-style vision tower with a projector into the language model: patch embedding plus learned position
/// embeddings, <c>num_layers</c> pre-norm transformer blocks, a final LayerNorm, pool x pool average pooling of the
/// patch grid, then Linear -> GELU -> Linear to output_size. Patches span temporal_patch_size frames; one group of
/// frames never sees another, so encoding a clip in shards of whole groups and concatenating equals encoding it whole.
/// </summary>
public sealed class VisionEncoder : nn.Module<Tensor, Tensor>
{
    const double InitializerRange = 0.02;

    [ComponentName(Name = "patch_embed")] readonly PatchEmbedding _patchEmbedding;
    [ComponentName(Name = "pos_embed")] readonly Parameter _positionEmbedding;
    [ComponentName(Name = "blocks")] readonly ModuleList<VisionBlock> _blocks;
    [ComponentName(Name = "norm")] readonly LayerNorm _norm;
    [ComponentName(Name = "projector")] readonly Sequential _projector;

    /// <param name="seed">
    /// Initialises the weights as <c>RandomModelFactory</c> does a decoder (Normal(0, 0.02) matrices and position
    /// embeddings, zero biases, unit norm weights), identically on any device and dtype; null means seed 0.
    /// </param>
    public VisionEncoder(VisionConfig config, ModelPlacement placement, long? seed = null) : base(nameof(VisionEncoder))
    {
        config.Validate();
        Config = config;
        Placement = placement;
        _patchEmbedding = new PatchEmbedding(config, placement);
        _positionEmbedding = new Parameter(zeros([1, config.PatchesPerFrame, config.HiddenSize], placement.DType, placement.Device));
        _blocks = nn.ModuleList(Enumerable.Range(0, config.NumLayers).Select(_ => new VisionBlock(config, placement)).ToArray());
        _norm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: placement.Device, dtype: placement.DType);
        _projector = nn.Sequential(
            ("0", nn.Linear(config.HiddenSize, config.OutputSize, hasBias: true, placement.Device, placement.DType)),
            ("1", nn.GELU()),
            ("2", nn.Linear(config.OutputSize, config.OutputSize, hasBias: true, placement.Device, placement.DType)));
        RegisterComponents();
        if (placement.Device.type != DeviceType.META) Initialise(seed ?? 0);
    }

    public VisionConfig Config { get; }
    public ModelPlacement Placement { get; }

    /// <summary>
    /// Normalised pixels [N, 3, image_size, image_size] to tokens [N / temporal_patch_size, tokens_per_frame, output_size].
    /// </summary>
    public override Tensor forward(Tensor pixels)
    {
        var size = Config.ImageSize;
        if (pixels.ndim != 4 || pixels.shape[1] != 3 || pixels.shape[2] != size || pixels.shape[3] != size)
            throw new ArgumentException(
                $"expected pixels [frames, 3, {size}, {size}], got [{string.Join(", ", pixels.shape)}]", nameof(pixels));
        if (pixels.shape[0] % Config.TemporalPatchSize != 0)
            throw new ArgumentException(
                $"{pixels.shape[0]} frames are not a multiple of temporal_patch_size ({Config.TemporalPatchSize})", nameof(pixels));
        using var scope = NewDisposeScope();
        var hidden = _patchEmbedding.forward(pixels.to(Placement.DType, Placement.Device)) + _positionEmbedding;
        foreach (var block in _blocks) hidden = block.forward(hidden);
        hidden = _norm.forward(hidden);
        return _projector.forward(PoolGrid(hidden)).MoveToOuterDisposeScope();
    }

    /// <summary>Frame tokens, frame-major: [N / temporal_patch_size * tokens_per_frame, output_size].</summary>
    public Tensor Encode(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return forward(pixels).reshape(-1, Config.OutputSize).MoveToOuterDisposeScope();
    }

    // [N, grid*grid, D] -> [N, (grid/pool)^2, D], each token the mean of a pool x pool block of patches.
    Tensor PoolGrid(Tensor hidden)
    {
        var (frames, width) = (hidden.shape[0], hidden.shape[2]);
        var (pool, pooled) = (Config.Pool, Config.PooledGridSize);
        if (pool == 1) return hidden.alias();
        return hidden.view(frames, pooled, pool, pooled, pool, width).mean([2, 4])
            .reshape(frames, (long)pooled * pooled, width);
    }

    void Initialise(long seed)
    {
        // Values are drawn on the CPU in float32 and copied in, so the same seed gives the same weights anywhere.
        var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (IsNormWeight(name)) parameter.fill_(1.0);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) parameter.zero_();
            else
            {
                using var values = empty(parameter.shape, ScalarType.Float32).normal_(0.0, InitializerRange, generator);
                parameter.copy_(values);
            }
        }
    }

    static bool IsNormWeight(string name) =>
        name == "norm.weight" || name.EndsWith(".norm1.weight", StringComparison.Ordinal) ||
        name.EndsWith(".norm2.weight", StringComparison.Ordinal);
}
