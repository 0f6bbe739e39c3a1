using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>Hugging Face's <c>generation_config.json</c>: token ids and default sampling settings.</summary>
public static class GenerationConfigFile
{
    public const string FileName = "generation_config.json";

    public static JsonObject? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new ModelFormatException(path, null, "expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, null, $"not valid JSON: {e.Message}", e);
        }
    }

    public static JsonObject Default(DecoderConfig config)
    {
        var json = new JsonObject { ["_from_model_config"] = true };
        if (config.BosTokenId is { } bos) json["bos_token_id"] = bos;
        if (config.EosTokenIds.Count == 1) json["eos_token_id"] = config.EosTokenIds[0];
        else if (config.EosTokenIds.Count > 1)
            json["eos_token_id"] = new JsonArray(config.EosTokenIds.Select(id => (JsonNode?)id).ToArray());
        if (config.PadTokenId is { } pad) json["pad_token_id"] = pad;
        return json;
    }
}
