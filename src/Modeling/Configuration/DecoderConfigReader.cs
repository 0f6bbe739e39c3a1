using System.Text.Json;

namespace PostTrain.Modeling.Configuration;

/// <summary>Reads a Hugging Face <c>config.json</c> into a <see cref="DecoderConfig"/>, or says exactly what is wrong.</summary>
public static class DecoderConfigReader
{
    public static DecoderConfig ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new ModelFormatException(path, null, "file not found; a model folder needs a Hugging Face config.json");
        return Parse(File.ReadAllText(path), path);
    }

    public static DecoderConfig Parse(string json, string file = "config.json") =>
        JsonFields.ReadObject(json, file, (fields, _) => Read(fields));

    static DecoderConfig Read(JsonFields json)
    {
        var modelType = json.RequiredString("model_type");
        if (!ModelFamilyNames.ByModelType.TryGetValue(modelType, out var family))
            throw json.Invalid("model_type",
                $"'{modelType}' is not supported; PostTrain builds {string.Join(", ", ModelFamilyNames.ByModelType.Keys)}");

        var hidden = Positive(json, "hidden_size");
        var heads = Positive(json, "num_attention_heads");
        var kvHeads = json.OptionalInt("num_key_value_heads") ?? heads;
        if (kvHeads <= 0 || heads % kvHeads != 0)
            throw json.Invalid("num_key_value_heads", $"{kvHeads} must be positive and divide num_attention_heads ({heads})");
        var headDim = json.OptionalInt("head_dim") ?? (family == ModelFamily.Qwen3 ? 128 : DefaultHeadDim(json, hidden, heads));

        var activation = json.OptionalString("hidden_act") ?? "silu";
        if (activation != "silu")
            throw json.Invalid("hidden_act", $"'{activation}' is not supported; these families use 'silu'");
        if (json.OptionalBool("use_sliding_window") == true)
            throw json.Invalid("use_sliding_window", "sliding-window attention is not supported; set it to false");

        var llamaBias = family == ModelFamily.Llama && (json.OptionalBool("attention_bias") ?? false);
        return new DecoderConfig
        {
            Family = family,
            VocabSize = Positive(json, "vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = Positive(json, "intermediate_size"),
            NumHiddenLayers = Positive(json, "num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = kvHeads,
            HeadDim = headDim,
            MaxPositionEmbeddings = json.OptionalInt("max_position_embeddings") ?? (family == ModelFamily.Llama ? 2048 : 32768),
            RmsNormEps = json.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = json.OptionalDouble("rope_theta") ?? 10000.0,
            RopeScaling = RopeScalingReader.Read(json),
            TieWordEmbeddings = json.OptionalBool("tie_word_embeddings") ?? false,
            AttentionBias = family == ModelFamily.Qwen2 || llamaBias,
            OutputProjectionBias = llamaBias,
            MlpBias = family == ModelFamily.Llama && (json.OptionalBool("mlp_bias") ?? false),
            TorchDtype = json.OptionalString("torch_dtype") ?? json.OptionalString("dtype") ?? "float32",
            InitializerRange = json.OptionalDouble("initializer_range") ?? 0.02,
            BosTokenId = json.OptionalInt("bos_token_id"),
            EosTokenIds = json.IntOrIntList("eos_token_id"),
            PadTokenId = json.OptionalInt("pad_token_id"),
        };
    }

    static int DefaultHeadDim(JsonFields json, int hidden, int heads) =>
        hidden % heads == 0
            ? hidden / heads
            : throw json.Invalid("num_attention_heads", $"{heads} does not divide hidden_size ({hidden}) and no head_dim is given");

    static int Positive(JsonFields json, string key)
    {
        var value = json.RequiredInt(key);
        return value > 0 ? value : throw json.Invalid(key, $"expected a positive integer, found {value}");
    }
}
