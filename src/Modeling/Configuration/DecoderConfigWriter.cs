using System.Text.Json.Nodes;

namespace PostTrain.Modeling.Configuration;

/// <summary>Writes a <see cref="DecoderConfig"/> as the <c>config.json</c> that Hugging Face <c>transformers</c> reads.</summary>
public static class DecoderConfigWriter
{
    public static JsonObject ToJson(DecoderConfig config)
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(config.Family.ArchitectureName()),
            ["model_type"] = config.Family.ModelType(),
            ["vocab_size"] = config.VocabSize,
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["num_hidden_layers"] = config.NumHiddenLayers,
            ["num_attention_heads"] = config.NumAttentionHeads,
            ["num_key_value_heads"] = config.NumKeyValueHeads,
            ["head_dim"] = config.HeadDim,
            ["hidden_act"] = "silu",
            ["max_position_embeddings"] = config.MaxPositionEmbeddings,
            ["rms_norm_eps"] = config.RmsNormEps,
            ["rope_theta"] = config.RopeTheta,
            ["rope_scaling"] = RopeScalingJson(config.RopeScaling),
            ["tie_word_embeddings"] = config.TieWordEmbeddings,
            ["initializer_range"] = config.InitializerRange,
            ["torch_dtype"] = config.TorchDtype,
            ["use_cache"] = true,
            ["attention_dropout"] = 0.0,
        };
        if (config.Family == ModelFamily.Llama)
        {
            json["attention_bias"] = config.AttentionBias;
            json["mlp_bias"] = config.MlpBias;
        }
        if (config.Family == ModelFamily.Qwen3) json["attention_bias"] = false;
        if (config.Family != ModelFamily.Llama) json["use_sliding_window"] = false;
        if (config.BosTokenId is { } bos) json["bos_token_id"] = bos;
        if (config.EosTokenIds.Count == 1) json["eos_token_id"] = config.EosTokenIds[0];
        else if (config.EosTokenIds.Count > 1) json["eos_token_id"] = new JsonArray(config.EosTokenIds.Select(id => (JsonNode?)id).ToArray());
        if (config.PadTokenId is { } pad) json["pad_token_id"] = pad;
        return json;
    }

    static JsonObject? RopeScalingJson(RopeScaling? scaling) => scaling switch
    {
        null => null,
        { Type: RopeScaling.Llama3 } => new JsonObject
        {
            ["rope_type"] = scaling.Type,
            ["factor"] = scaling.Factor,
            ["low_freq_factor"] = scaling.LowFrequencyFactor,
            ["high_freq_factor"] = scaling.HighFrequencyFactor,
            ["original_max_position_embeddings"] = scaling.OriginalMaxPositionEmbeddings,
        },
        _ => new JsonObject { ["rope_type"] = scaling.Type, ["factor"] = scaling.Factor },
    };
}
