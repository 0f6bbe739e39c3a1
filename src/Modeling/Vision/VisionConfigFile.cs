using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Modeling.Vision;

/// <summary>Reads and writes <c>vision_config.json</c>: a <see cref="VisionConfig"/> with snake_case keys.</summary>
public static class VisionConfigFile
{
    public const string FileName = "vision_config.json";

    public static string ToJson(VisionConfig config, string torchDtype) => new JsonObject
    {
        ["model_type"] = "posttrain_vit",
        ["image_size"] = config.ImageSize,
        ["patch_size"] = config.PatchSize,
        ["hidden_size"] = config.HiddenSize,
        ["num_layers"] = config.NumLayers,
        ["num_heads"] = config.NumHeads,
        ["intermediate_size"] = config.IntermediateSize,
        ["pool"] = config.Pool,
        ["temporal_patch_size"] = config.TemporalPatchSize,
        ["output_size"] = config.OutputSize,
        ["image_mean"] = new JsonArray(config.ImageMean.Select(v => (JsonNode?)v).ToArray()),
        ["image_std"] = new JsonArray(config.ImageStd.Select(v => (JsonNode?)v).ToArray()),
        ["layer_norm_eps"] = config.LayerNormEps,
        ["torch_dtype"] = torchDtype,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    public static VisionConfig Read(string path)
    {
        if (!File.Exists(path))
            throw new ModelFormatException(path, null, "file not found; a vision encoder folder needs vision_config.json");
        return Parse(File.ReadAllText(path), path);
    }

    public static VisionConfig Parse(string json, string file = FileName) => JsonFields.ReadObject(json, file, (fields, root) =>
    {
        var defaults = new VisionConfig { OutputSize = 1 };
        var config = new VisionConfig
        {
            ImageSize = fields.OptionalInt("image_size") ?? defaults.ImageSize,
            PatchSize = fields.OptionalInt("patch_size") ?? defaults.PatchSize,
            HiddenSize = fields.OptionalInt("hidden_size") ?? defaults.HiddenSize,
            NumLayers = fields.OptionalInt("num_layers") ?? defaults.NumLayers,
            NumHeads = fields.OptionalInt("num_heads") ?? defaults.NumHeads,
            IntermediateSize = fields.OptionalInt("intermediate_size") ?? defaults.IntermediateSize,
            Pool = fields.OptionalInt("pool") ?? defaults.Pool,
            TemporalPatchSize = fields.OptionalInt("temporal_patch_size") ?? defaults.TemporalPatchSize,
            OutputSize = fields.RequiredInt("output_size"),
            ImageMean = Channels(root, file, "image_mean") ?? defaults.ImageMean,
            ImageStd = Channels(root, file, "image_std") ?? defaults.ImageStd,
            LayerNormEps = fields.OptionalDouble("layer_norm_eps") ?? defaults.LayerNormEps,
        };
        var problems = config.Problems();
        if (problems.Count > 0) throw new ModelFormatException(file, problems[0].Key, problems[0].Problem);
        return config;
    });

    static IReadOnlyList<double>? Channels(JsonElement root, string file, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw new ModelFormatException(file, key, $"expected a list of 3 numbers (R, G, B), found {value.GetRawText()}");
        return value.EnumerateArray().Select(v => v.GetDouble()).ToList();
    }
}
