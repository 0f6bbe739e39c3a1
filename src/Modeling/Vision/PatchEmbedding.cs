using PostTrain.Modeling.Architecture;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Vision;

/// <summary>
/// Cuts frames [N, 3, H, W] into patch x patch squares spanning temporal_patch_size consecutive frames (T) and
/// projects each flattened tubelet (frame, channel, row, column order: a stride-patch 3-D convolution's weight layout)
/// to hidden_size: [N / T, patches, hidden].
/// </summary>
public sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "proj")] readonly Linear _projection;
    readonly int _patch;
    readonly int _grid;
    readonly int _temporal;

    public PatchEmbedding(VisionConfig config, ModelPlacement placement) : base(nameof(PatchEmbedding))
    {
        _patch = config.PatchSize;
        _grid = config.GridSize;
        _temporal = config.TemporalPatchSize;
        _projection = nn.Linear(3L * _temporal * _patch * _patch, config.HiddenSize, hasBias: true, placement.Device, placement.DType);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var groups = pixels.shape[0] / _temporal;
        var patches = pixels.view(groups, _temporal, 3, _grid, _patch, _grid, _patch)
            .permute(0, 3, 5, 1, 2, 4, 6)
            .reshape(groups, (long)_grid * _grid, 3L * _temporal * _patch * _patch);
        return _projection.forward(patches).MoveToOuterDisposeScope();
    }
}
