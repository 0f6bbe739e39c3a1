namespace PostTrain.Modeling.Configuration;

/// <summary>The decoder families PostTrain builds, named by Hugging Face's <c>model_type</c>.</summary>
public enum ModelFamily
{
    Qwen2,
    Qwen3,
    Llama,
}

public static class ModelFamilyNames
{
    public static readonly IReadOnlyDictionary<string, ModelFamily> ByModelType = new Dictionary<string, ModelFamily>
    {
        ["qwen2"] = ModelFamily.Qwen2,
        ["qwen3"] = ModelFamily.Qwen3,
        ["llama"] = ModelFamily.Llama,
    };

    public static string ModelType(this ModelFamily family) => family switch
    {
        ModelFamily.Qwen2 => "qwen2",
        ModelFamily.Qwen3 => "qwen3",
        _ => "llama",
    };

    public static string ArchitectureName(this ModelFamily family) => family switch
    {
        ModelFamily.Qwen2 => "Qwen2ForCausalLM",
        ModelFamily.Qwen3 => "Qwen3ForCausalLM",
        _ => "LlamaForCausalLM",
    };
}
