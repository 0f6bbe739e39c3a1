using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>The safetensors dtype names and their torch scalar types.</summary>
public static class SafetensorsDTypes
{
    static readonly Dictionary<string, ScalarType> ByName = new()
    {
        ["F64"] = ScalarType.Float64,
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out ScalarType type) => ByName.TryGetValue(name, out type);

    public static string NameOf(ScalarType type) =>
        ByName.FirstOrDefault(pair => pair.Value == type).Key
        ?? throw new ArgumentException($"dtype {type} has no safetensors name");

    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };
}
