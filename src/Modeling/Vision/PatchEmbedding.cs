using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// Cuts frames [N, 3, H, W] into patch x patch squares and projects each flattened patch (channel, row, column
/// order: a stride-patch convolution's weight layout) to hidden_size: [N, patches, hidden].
/// </summary>
public sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "proj")] readonly Linear _projection;
    readonly int _patch;
    readonly int _grid;

    public PatchEmbedding(VisionConfig config, ModelPlacement placement) : base(nameof(PatchEmbedding))
    {
        _patch = config.PatchSize;
        _grid = config.GridSize;
        _projection = nn.Linear(3L * _patch * _patch, config.HiddenSize, hasBias: true, placement.Device, placement.DType);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var frames = pixels.shape[0];
        var patches = pixels.view(frames, 3, _grid, _patch, _grid, _patch)
            .permute(0, 2, 4, 1, 3, 5)
            .reshape(frames, (long)_grid * _grid, 3L * _patch * _patch);
        return _projection.forward(patches).MoveToOuterDisposeScope();
    }
}
