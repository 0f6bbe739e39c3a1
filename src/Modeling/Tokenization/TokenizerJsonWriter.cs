using System.Text.Encodings.Web;
using System.Text.Json;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Writes a byte-level BPE model as a Hugging Face <c>tokenizer.json</c> that both PostTrain and <c>transformers</c>
/// (tokenizers' <c>PreTrainedTokenizerFast</c>) read. Merges are written as "a b" strings, which every tokenizers
/// version reads; byte-level tokens never contain a space.
/// </summary>
internal static class TokenizerJsonWriter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(ByteLevelBpeModel model, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, s_options);
        json.WriteStartObject();
        json.WriteString("version", "1.0");
        json.WriteNull("truncation");
        json.WriteNull("padding");
        WriteAddedTokens(json, model.AddedTokens);
        if (model.NfcNormalize)
        {
            json.WriteStartObject("normalizer");
            json.WriteString("type", "NFC");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("normalizer");
        }

        json.WriteStartObject("pre_tokenizer");
        json.WriteString("type", "Sequence");
        json.WriteStartArray("pretokenizers");
        foreach (string pattern in model.SplitPatterns)
        {
            json.WriteStartObject();
            json.WriteString("type", "Split");
            json.WriteStartObject("pattern");
            json.WriteString("Regex", pattern);
            json.WriteEndObject();
            json.WriteString("behavior", "Isolated");
            json.WriteBoolean("invert", false);
            json.WriteEndObject();
        }

        WriteByteLevel(json, null, trimOffsets: false);
        json.WriteEndArray();
        json.WriteEndObject();
        WriteByteLevel(json, "post_processor", trimOffsets: false);
        WriteByteLevel(json, "decoder", trimOffsets: true);
        WriteModel(json, model);
        json.WriteEndObject();
    }

    public static string ToJsonString(ByteLevelBpeModel model)
    {
        using var stream = new MemoryStream();
        Write(model, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteAddedTokens(Utf8JsonWriter json, IReadOnlyList<AddedToken> tokens)
    {
        json.WriteStartArray("added_tokens");
        foreach (AddedToken token in tokens.OrderBy(t => t.Id))
        {
            json.WriteStartObject();
            json.WriteNumber("id", token.Id);
            json.WriteString("content", token.Content);
            json.WriteBoolean("single_word", false);
            json.WriteBoolean("lstrip", false);
            json.WriteBoolean("rstrip", false);
            json.WriteBoolean("normalized", false);
            json.WriteBoolean("special", token.Special);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteByteLevel(Utf8JsonWriter json, string? propertyName, bool trimOffsets)
    {
        if (propertyName is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(propertyName);
        }

        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", false);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", false);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, ByteLevelBpeModel model)
    {
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        json.WriteNull("unk_token");
        json.WriteNull("continuing_subword_prefix");
        json.WriteNull("end_of_word_suffix");
        json.WriteBoolean("fuse_unk", false);
        json.WriteBoolean("byte_fallback", false);
        json.WriteBoolean("ignore_merges", model.IgnoreMerges);
        json.WriteStartObject("vocab");
        foreach (KeyValuePair<string, int> entry in model.Vocab.OrderBy(e => e.Value))
        {
            json.WriteNumber(entry.Key, entry.Value);
        }

        json.WriteEndObject();
        json.WriteStartArray("merges");
        foreach ((string left, string right) in model.Merges)
        {
            json.WriteStringValue(left + " " + right);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
