using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;

namespace PostTrain.Learner.Lora;

/// <summary>LoRA adapters in PEFT's layout: <c>adapter_config.json</c> and <c>adapter_model.safetensors</c>.</summary>
public static class PeftAdapterFiles
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";

    public static void Save(LoraAdapters adapters, string directory, string? baseModel = null)
    {
        Directory.CreateDirectory(directory);
        var options = adapters.Options;
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["r"] = options.Rank,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["target_modules"] = new JsonArray(options.TargetModules.Select(m => (JsonNode?)m).ToArray()),
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["use_rslora"] = false,
            ["base_model_name_or_path"] = baseModel,
        };
        SafetensorsWriter.Write(Path.Combine(directory, WeightsFile),
            adapters.NamedParameters().Select(p => (p.Name, (TorchSharp.torch.Tensor)p.Parameter)).ToList());
        AtomicFile.WriteText(Path.Combine(directory, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Attaches the adapters saved in <paramref name="directory"/> to <paramref name="model"/>.</summary>
    public static LoraAdapters Load(CausalLanguageModel model, string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        var options = ReadOptions(configPath);
        var adapters = LoraAdapters.Attach(model, options);
        var file = SafetensorsFile.Open(Path.Combine(directory, WeightsFile));
        adapters.Load(file.Entries.Keys.ToDictionary(name => name, file.Read), file.Path);
        return adapters;
    }

    static LoraOptions ReadOptions(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException(path, null, "file not found; a PEFT adapter folder needs it");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var type = json["peft_type"]?.GetValue<string>();
            if (type != "LORA") throw new ModelFormatException(path, "peft_type", $"'{type}' is not supported; expected LORA");
            return new LoraOptions
            {
                Rank = json["r"]?.GetValue<int>() ?? throw new ModelFormatException(path, "r", "missing"),
                Alpha = json["lora_alpha"]?.GetValue<double>() ?? throw new ModelFormatException(path, "lora_alpha", "missing"),
                Dropout = json["lora_dropout"]?.GetValue<double>() ?? 0,
                TargetModules = json["target_modules"]?.AsArray().Select(m => m!.GetValue<string>()).ToArray()
                                ?? throw new ModelFormatException(path, "target_modules", "missing"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException(path, null, $"not a valid adapter config: {e.Message}", e);
        }
    }
}
