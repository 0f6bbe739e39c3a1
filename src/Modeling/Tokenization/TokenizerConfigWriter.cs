using System.Text.Encodings.Web;
using System.Text.Json;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// Writes <c>tokenizer_config.json</c> for <c>transformers</c>' <c>AutoTokenizer</c>: the fast tokenizer class reads
/// <c>tokenizer.json</c> beside it; the Jinja chat template and bos/eos/pad come from here.
/// </summary>
internal static class TokenizerConfigWriter
{
    public static string ToJson(TokenizerConfig config)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("add_bos_token", false);
            json.WriteBoolean("add_prefix_space", false);
            WriteToken(json, "bos_token", config.BosToken);
            if (config.ChatTemplate is null)
            {
                json.WriteNull("chat_template");
            }
            else
            {
                json.WriteString("chat_template", config.ChatTemplate);
            }

            json.WriteBoolean("clean_up_tokenization_spaces", false);
            WriteToken(json, "eos_token", config.EosToken);
            json.WriteString("errors", "replace");
            WriteToken(json, "pad_token", config.PadToken);
            json.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
            json.WriteNull("unk_token");
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteToken(Utf8JsonWriter json, string name, string? token)
    {
        if (token is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, token);
        }
    }
}
