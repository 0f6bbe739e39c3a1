using static TorchSharp.torch;

namespace PostTrain.Modeling.Configuration;

/// <summary>Hugging Face's <c>torch_dtype</c> strings.</summary>
public static class TorchDTypeNames
{
    public static ScalarType Parse(string name, string file, string key) => name switch
    {
        "float32" or "fp32" => ScalarType.Float32,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float16" or "fp16" => ScalarType.Float16,
        "float64" => ScalarType.Float64,
        _ => throw new ModelFormatException(file, key, $"'{name}' is not supported; expected float32, bfloat16 or float16"),
    };

    public static string NameOf(ScalarType type) => type switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        _ => throw new ArgumentException($"{type} is not a model weight dtype"),
    };
}
