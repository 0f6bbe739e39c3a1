using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// Grouped-query self-attention: q/k/v projections (biased for Qwen2), optional per-head q/k RMSNorm (Qwen3) before
/// rotary embedding, scaled dot-product attention with key/value heads shared across groups, output projection.
/// </summary>
public sealed class Attention : nn.Module
{
    [ComponentName(Name = "q_proj")] readonly Projection _query;
    [ComponentName(Name = "k_proj")] readonly Projection _key;
    [ComponentName(Name = "v_proj")] readonly Projection _value;
    [ComponentName(Name = "o_proj")] readonly Projection _output;
    [ComponentName(Name = "q_norm")] readonly RmsNorm? _queryNorm;
    [ComponentName(Name = "k_norm")] readonly RmsNorm? _keyNorm;

    public Attention(DecoderConfig config, ModelPlacement placement) : base(nameof(Attention))
    {
        Heads = config.NumAttentionHeads;
        KeyValueHeads = config.NumKeyValueHeads;
        HeadDim = config.HeadDim;
        _query = new Projection(config.HiddenSize, Heads * HeadDim, config.AttentionBias, placement);
        _key = new Projection(config.HiddenSize, KeyValueHeads * HeadDim, config.AttentionBias, placement);
        _value = new Projection(config.HiddenSize, KeyValueHeads * HeadDim, config.AttentionBias, placement);
        _output = new Projection(Heads * HeadDim, config.HiddenSize, config.OutputProjectionBias, placement);
        if (config.QueryKeyNorm)
        {
            _queryNorm = new RmsNorm(HeadDim, config.RmsNormEps, placement);
            _keyNorm = new RmsNorm(HeadDim, config.RmsNormEps, placement);
        }
        RegisterComponents();
    }

    public int Heads { get; }
    public int KeyValueHeads { get; }
    public int HeadDim { get; }

    /// <summary>Queries [batch, heads, time, head_dim], normed and rotated.</summary>
    public Tensor Queries(Tensor hidden, Tensor cos, Tensor sin) => Project(_query, _queryNorm, Heads, hidden, cos, sin);

    /// <summary>Keys [batch, kv_heads, time, head_dim], normed and rotated.</summary>
    public Tensor Keys(Tensor hidden, Tensor cos, Tensor sin) => Project(_key, _keyNorm, KeyValueHeads, hidden, cos, sin);

    /// <summary>Values [batch, kv_heads, time, head_dim].</summary>
    public Tensor Values(Tensor hidden) => SplitHeads(_value.forward(hidden), KeyValueHeads);

    /// <summary>
    /// Attends queries to keys and values (kv heads are shared by groups of query heads) and projects the result
    /// back to [batch, time, hidden]. <paramref name="mask"/> is boolean [batch or 1, 1, q_time, k_time], true
    /// where attending is allowed; null means plain causal attention over equal-length queries and keys.
    /// </summary>
    public Tensor Attend(Tensor queries, Tensor keys, Tensor values, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var groups = Heads / KeyValueHeads;
        var attended = nn.functional.scaled_dot_product_attention(
            queries, RepeatKeyValue(keys, groups), RepeatKeyValue(values, groups), mask, 0.0, mask is null);
        return ProjectOutput(attended).MoveToOuterDisposeScope();
    }

    /// <summary>Merges attended heads [batch, heads, time, head_dim] and applies o_proj: [batch, time, hidden].</summary>
    public Tensor ProjectOutput(Tensor attended)
    {
        using var scope = NewDisposeScope();
        var (batch, time) = (attended.shape[0], attended.shape[2]);
        var merged = attended.transpose(1, 2).reshape(batch, time, Heads * HeadDim);
        return _output.forward(merged).MoveToOuterDisposeScope();
    }

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var output = Attend(Queries(hidden, cos, sin), Keys(hidden, cos, sin), Values(hidden), mask);
        return output.MoveToOuterDisposeScope();
    }

    Tensor Project(Projection projection, RmsNorm? norm, int heads, Tensor hidden, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var projected = SplitHeads(projection.forward(hidden), heads);
        if (norm is not null) projected = norm.forward(projected);
        return RotaryEmbedding.Apply(projected, cos, sin).MoveToOuterDisposeScope();
    }

    Tensor SplitHeads(Tensor projected, int heads) =>
        projected.view(projected.shape[0], projected.shape[1], heads, HeadDim).transpose(1, 2);

    static Tensor RepeatKeyValue(Tensor x, int groups)
    {
        if (groups == 1) return x.alias();
        var (batch, heads, time, dim) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        return x.unsqueeze(2).expand(batch, heads, groups, time, dim).reshape(batch, heads * groups, time, dim);
    }
}
