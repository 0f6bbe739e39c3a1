using System.Text.Json;

namespace PostTrain.Modeling.Tokenization;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> whose model is byte-level BPE.</summary>
internal static class TokenizerJsonReader
{
    public static ByteLevelBpeModel Read(string json, string source)
    {
        using JsonDocument document = JsonReading.Parse(json, source);
        JsonElement root = document.RootElement;
        JsonElement model = JsonReading.Required(root, "model", JsonValueKind.Object, source, "model");

        string? type = JsonReading.OptionalString(model, "type", source, "model.type");
        if (type is not null && type != "BPE")
        {
            throw new TokenizerFormatException(
                $"{source}: model.type is '{type}'; PostTrain reads byte-level BPE tokenizers.");
        }

        foreach (string key in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (model.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String
                && value.GetString()!.Length > 0)
            {
                throw new TokenizerFormatException(
                    $"{source}: model.{key} is set; PostTrain reads byte-level BPE tokenizers without subword affixes.");
            }
        }

        IReadOnlyList<string> patterns = PreTokenizerReader.ReadSplitPatterns(root, source);
        bool ignoreMerges = model.TryGetProperty("ignore_merges", out JsonElement ignore) && ignore.ValueKind == JsonValueKind.True;
        return new ByteLevelBpeModel(
            ReadVocab(model, source),
            ReadMerges(model, source),
            ReadAddedTokens(root, source),
            patterns,
            ReadNfc(root, source),
            ignoreMerges);
    }

    private static Dictionary<string, int> ReadVocab(JsonElement model, string source)
    {
        JsonElement vocab = JsonReading.Required(model, "vocab", JsonValueKind.Object, source, "model.vocab");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonProperty entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out int id) || id < 0)
            {
                throw new TokenizerFormatException($"{source}: model.vocab['{entry.Name}'] is not a non-negative integer id.");
            }

            result[entry.Name] = id;
        }

        return result;
    }

    private static List<(string, string)> ReadMerges(JsonElement model, string source)
    {
        var merges = new List<(string, string)>();
        if (!model.TryGetProperty("merges", out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return merges;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerFormatException($"{source}: model.merges is not an array.");
        }

        int index = 0;
        foreach (JsonElement merge in array.EnumerateArray())
        {
            string[] parts = merge.ValueKind switch
            {
                JsonValueKind.String => merge.GetString()!.Split(' '),
                JsonValueKind.Array when merge.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String) =>
                    merge.EnumerateArray().Select(p => p.GetString()!).ToArray(),
                _ => [],
            };
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts.Any(p => p.Contains(' ')))
            {
                throw new TokenizerFormatException(
                    $"{source}: model.merges[{index}] is not a pair of tokens (\"a b\" or [\"a\", \"b\"]).");
            }

            merges.Add((parts[0], parts[1]));
            index++;
        }

        return merges;
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root, string source)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return tokens;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerFormatException($"{source}: added_tokens is not an array.");
        }

        int index = 0;
        foreach (JsonElement token in array.EnumerateArray())
        {
            string key = $"added_tokens[{index}]";
            if (token.ValueKind != JsonValueKind.Object
                || !token.TryGetProperty("id", out JsonElement id) || !id.TryGetInt32(out int idValue)
                || !token.TryGetProperty("content", out JsonElement content) || content.ValueKind != JsonValueKind.String
                || content.GetString()!.Length == 0)
            {
                throw new TokenizerFormatException($"{source}: {key} needs an integer 'id' and a non-empty 'content'.");
            }

            bool special = token.TryGetProperty("special", out JsonElement s) && s.ValueKind == JsonValueKind.True;
            tokens.Add(new AddedToken(idValue, content.GetString()!, special));
            index++;
        }

        return tokens;
    }

    private static bool ReadNfc(JsonElement root, string source)
    {
        if (!root.TryGetProperty("normalizer", out JsonElement normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        string? type = JsonReading.OptionalString(normalizer, "type", source, "normalizer.type");
        if (type == "NFC")
        {
            return true;
        }

        if (type == "Sequence" && normalizer.TryGetProperty("normalizers", out JsonElement steps)
            && steps.ValueKind == JsonValueKind.Array && steps.GetArrayLength() == 0)
        {
            return false;
        }

        throw new TokenizerFormatException(
            $"{source}: normalizer.type is '{type}'; PostTrain supports no normalizer or NFC.");
    }
}
