namespace PostTrain.Modeling.Configuration;

/// <summary>
/// The part of a Hugging Face decoder <c>config.json</c> that fixes the network. Defaults are those of
/// <c>transformers</c> for a key that a config leaves out.
/// </summary>
public sealed record DecoderConfig
{
    public required ModelFamily Family { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }

    /// <summary>Per-head width; Qwen3 sets it explicitly, the others derive it from hidden size and heads.</summary>
    public required int HeadDim { get; init; }

    public int MaxPositionEmbeddings { get; init; } = 2048;
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling? RopeScaling { get; init; }
    public bool TieWordEmbeddings { get; init; }

    /// <summary>q/k/v projections carry a bias (always for Qwen2, <c>attention_bias</c> for Llama).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>The o_proj bias, which Llama's <c>attention_bias</c> also turns on; Qwen2 never has one.</summary>
    public bool OutputProjectionBias { get; init; }

    public bool MlpBias { get; init; }

    /// <summary>Per-head RMSNorm of queries and keys before rotary embedding (Qwen3).</summary>
    public bool QueryKeyNorm => Family == ModelFamily.Qwen3;

    public string TorchDtype { get; init; } = "float32";
    public double InitializerRange { get; init; } = 0.02;
    public int? BosTokenId { get; init; }
    /// <summary>End-of-sequence ids; Llama 3.1+ lists several.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }

    public int KeyValueGroups => NumAttentionHeads / NumKeyValueHeads;
}
