using System.Text.Json;
using System.Text.RegularExpressions;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Turns a <c>tokenizer.json</c> <c>pre_tokenizer</c> (ByteLevel, Split, or a Sequence of them) into the split
/// regexes to apply in order, and checks that the tokenizer is byte-level.
/// </summary>
internal static class PreTokenizerReader
{
    public static IReadOnlyList<string> ReadSplitPatterns(JsonElement root, string source)
    {
        if (!root.TryGetProperty("pre_tokenizer", out JsonElement preTokenizer) || preTokenizer.ValueKind == JsonValueKind.Null)
        {
            throw new TokenizerFormatException(
                $"{source}: pre_tokenizer is missing; PostTrain reads byte-level BPE tokenizers (pre_tokenizer ByteLevel).");
        }

        var patterns = new List<string>();
        bool byteLevel = false;
        Collect(preTokenizer, "pre_tokenizer", source, patterns, ref byteLevel);
        if (!byteLevel)
        {
            throw new TokenizerFormatException(
                $"{source}: pre_tokenizer has no ByteLevel step; PostTrain reads byte-level BPE tokenizers.");
        }

        return patterns;
    }

    private static void Collect(JsonElement step, string key, string source, List<string> patterns, ref bool byteLevel)
    {
        string? type = step.ValueKind == JsonValueKind.Object
            ? JsonReading.OptionalString(step, "type", source, key + ".type")
            : null;
        switch (type)
        {
            case "Sequence":
                JsonElement steps = JsonReading.Required(step, "pretokenizers", JsonValueKind.Array, source, key + ".pretokenizers");
                int index = 0;
                foreach (JsonElement inner in steps.EnumerateArray())
                {
                    Collect(inner, $"{key}.pretokenizers[{index++}]", source, patterns, ref byteLevel);
                }

                break;
            case "ByteLevel":
                if (IsTrue(step, "add_prefix_space", defaultValue: false))
                {
                    throw new TokenizerFormatException(
                        $"{source}: {key}.add_prefix_space is true; PostTrain supports byte-level BPE without a prefix space.");
                }

                if (IsTrue(step, "use_regex", defaultValue: true))
                {
                    patterns.Add(ByteLevelBpeModel.Gpt2Pattern);
                }

                byteLevel = true;
                break;
            case "Split":
                patterns.Add(ReadSplit(step, key, source));
                break;
            default:
                throw new TokenizerFormatException(
                    $"{source}: {key}.type is '{type}'; PostTrain supports ByteLevel, Split and Sequence pre-tokenizers.");
        }
    }

    private static string ReadSplit(JsonElement step, string key, string source)
    {
        JsonElement pattern = JsonReading.Required(step, "pattern", JsonValueKind.Object, source, key + ".pattern");
        string regex = JsonReading.OptionalString(pattern, "Regex", source, key + ".pattern.Regex")
            ?? Regex.Escape(JsonReading.OptionalString(pattern, "String", source, key + ".pattern.String")
                ?? throw new TokenizerFormatException($"{source}: {key}.pattern has neither Regex nor String."));
        string behavior = JsonReading.OptionalString(step, "behavior", source, key + ".behavior") ?? "Isolated";
        if (behavior != "Isolated" || IsTrue(step, "invert", defaultValue: false))
        {
            throw new TokenizerFormatException(
                $"{source}: {key}.behavior is '{behavior}' (invert {IsTrue(step, "invert", false)}); PostTrain supports Isolated splits.");
        }

        try
        {
            _ = new Regex(regex);
        }
        catch (ArgumentException e)
        {
            throw new TokenizerFormatException($"{source}: {key}.pattern.Regex is not a valid .NET regex ({e.Message}).", e);
        }

        return regex;
    }

    private static bool IsTrue(JsonElement step, string name, bool defaultValue) =>
        step.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.ValueKind == JsonValueKind.True
            : defaultValue;
}
