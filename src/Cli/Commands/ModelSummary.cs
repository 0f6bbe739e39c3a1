using System.Globalization;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Commands;

/// <summary>
/// Describes a model folder from its config, safetensors headers and tokenizer files. The checkpoint's names and
/// shapes are checked against the config without reading or allocating the weights.
/// </summary>
internal static class ModelSummary
{
    public static int Print(string directory)
    {
        var (config, sources) = ModelLoader.Open(directory);
        var unused = CheckpointLayout.Validate(directory, config, sources);
        var entries = sources.Select(pair => pair.Value.Entries[pair.Key]).ToList();
        var files = sources.Values.Select(f => Path.GetFileName(f.Path)).Distinct().Order().ToList();

        Row("model", Path.GetFullPath(directory));
        Row("family", $"{config.Family.ModelType()} ({config.Family.ArchitectureName()})");
        Row("layers", $"{config.NumHiddenLayers}, hidden {config.HiddenSize}, intermediate {config.IntermediateSize}");
        Row("attention", $"{config.NumAttentionHeads} query heads, {config.NumKeyValueHeads} key/value heads, head_dim {config.HeadDim}"
                         + (config.AttentionBias ? ", q/k/v bias" : "") + (config.QueryKeyNorm ? ", q/k norm" : ""));
        Row("rope", $"theta {config.RopeTheta.ToString(CultureInfo.InvariantCulture)}, "
                    + (config.RopeScaling is { } s ? $"{s.Type} scaling x{s.Factor.ToString(CultureInfo.InvariantCulture)}" : "no scaling")
                    + $", max positions {config.MaxPositionEmbeddings:N0}");
        Row("parameters", $"{entries.Where(e => !unused.Contains(e.Name)).Sum(e => e.ElementCount):N0}"
                          + (config.TieWordEmbeddings ? " (embeddings tied to the LM head)" : ""));
        Row("weights", $"{string.Join(", ", files)}; dtype {string.Join(", ", entries.Select(e => e.DType.ToString()).Distinct())}"
                       + $"; config says {config.TorchDtype}");
        if (unused.Count > 0) Row("unused", $"{unused.Count} tensors not used by the model, e.g. {unused[0]}");
        PrintTokenizer(directory, config);
        return 0;
    }

    static void PrintTokenizer(string directory, DecoderConfig config)
    {
        if (!File.Exists(Path.Combine(directory, "tokenizer.json")))
        {
            Row("tokenizer", "none (no tokenizer.json)");
            return;
        }
        var tokenizer = TokenizerFactory.Load(directory);
        var fits = tokenizer.VocabSize <= config.VocabSize ? "fits" : "DOES NOT FIT";
        Row("vocabulary", $"{tokenizer.VocabSize:N0} tokens; the model's embedding has {config.VocabSize:N0} rows ({fits})");
        Row("special", string.Join(", ", tokenizer.SpecialTokens.OrderBy(p => p.Value).Take(8).Select(p => $"{p.Key}={p.Value}"))
                       + (tokenizer.SpecialTokens.Count > 8 ? $", ... ({tokenizer.SpecialTokens.Count} in all)" : ""));
        Row("bos/eos/pad", $"{Id(tokenizer.BosTokenId)} / {Id(tokenizer.EosTokenId)} / {Id(tokenizer.PadTokenId)}");
        Row("chat", tokenizer.ChatTemplate.Name);
    }

    static string Id(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "none";

    static void Row(string label, string value) => Console.WriteLine($"{label,-12}{value}");
}
