using System.CommandLine;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Tokenization;
using static TorchSharp.torch;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain init-model</c>: a random-initialised model in Hugging Face layout, with its tokenizer files.</summary>
internal static class InitModelCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = "model family: qwen2, qwen3 or llama", Required = true };
        arch.AcceptOnlyFromAmong([.. ModelFamilyNames.ByModelType.Keys]);
        var preset = new Option<string>("--preset")
        {
            Description = "layer sizes: " + string.Join("; ", ModelPresets.All.Select(p => $"{p.Name} ({p.Description})")),
            DefaultValueFactory = _ => "tiny",
        };
        preset.AcceptOnlyFromAmong([.. ModelPresets.All.Select(p => p.Name)]);
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = $"{string.Join(", ", TokenizerFiles.WritableSpecs)}, or a folder or tokenizer.json to copy",
            DefaultValueFactory = _ => "builtin",
        };
        var chatTemplate = new Option<string?>("--chat-template")
        {
            Description = "chatml, llama3 or plain (default: llama3 for llama, chatml for qwen)",
        };
        var output = new Option<string>("--out") { Description = "folder to create", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "float32 or bfloat16", DefaultValueFactory = _ => "float32" };
        dtype.AcceptOnlyFromAmong("float32", "bfloat16");
        var seed = new Option<long>("--seed") { Description = "random seed of the weights", DefaultValueFactory = _ => 0 };
        var tie = new Option<bool>("--tie-word-embeddings") { Description = "share the embedding matrix with the LM head" };
        var force = new Option<bool>("--force") { Description = "write into a folder that already holds a model" };

        var command = new Command("init-model", "Write a random-initialised model in Hugging Face layout")
        {
            arch, preset, tokenizer, chatTemplate, output, dtype, seed, tie, force,
        };
        command.SetAction(result => CliAction.Run(() => Run(new InitModelRequest(
            ModelFamilyNames.ByModelType[result.GetValue(arch)!],
            ModelPresets.Get(result.GetValue(preset)!),
            result.GetValue(tokenizer)!,
            result.GetValue(chatTemplate),
            result.GetValue(output)!,
            result.GetValue(dtype) == "bfloat16" ? ScalarType.BFloat16 : ScalarType.Float32,
            result.GetValue(seed),
            result.GetValue(tie),
            result.GetValue(force)))));
        return command;
    }

    static int Run(InitModelRequest request)
    {
        var target = Path.GetFullPath(request.Output);
        if (File.Exists(Path.Combine(target, "config.json")) && !request.Force)
            throw new IOException($"{target} already holds a model (config.json); pass --force to overwrite it");

        // Everything is written to a staging folder first, so a failure leaves no half-written model behind.
        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + $".partial-{Guid.NewGuid():N}";
        try
        {
            var template = request.ChatTemplate is { } name ? ChatTemplate.Parse(name)
                : request.Family == ModelFamily.Llama ? ChatTemplate.Llama3 : ChatTemplate.ChatMl;
            WriteTokenizer(request.Tokenizer, staging, template);
            var textTokenizer = TokenizerFactory.Load(staging);
            var config = RandomModelFactory.Config(request.Family, request.Preset, textTokenizer.VocabSize,
                textTokenizer.BosTokenId, textTokenizer.EosTokenId is { } eos ? [eos] : [], textTokenizer.PadTokenId,
                request.TieWordEmbeddings);
            using var model = RandomModelFactory.Create(config, ModelPlacement.Cpu(request.DType), request.Seed);
            ModelSaver.Save(model, staging);
            StagingFolder.Publish(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        Console.WriteLine($"wrote {target}");
        return ModelSummary.Print(target);
    }

    static void WriteTokenizer(string spec, string directory, ChatTemplate template)
    {
        if (TokenizerFiles.WritableSpecs.Contains(spec, StringComparer.OrdinalIgnoreCase))
        {
            TokenizerFiles.Write(spec, directory, template);
            return;
        }
        var source = Directory.Exists(spec) ? spec : Path.GetDirectoryName(Path.GetFullPath(spec))!;
        var tokenizerJson = Directory.Exists(spec) ? Path.Combine(spec, "tokenizer.json") : spec;
        TokenizerFactory.Load(spec); // fails with a clear message before anything is copied
        Directory.CreateDirectory(directory);
        File.Copy(tokenizerJson, Path.Combine(directory, "tokenizer.json"));
        var config = Path.Combine(source, "tokenizer_config.json");
        if (File.Exists(config)) File.Copy(config, Path.Combine(directory, "tokenizer_config.json"));
    }

    sealed record InitModelRequest(
        ModelFamily Family,
        ModelPreset Preset,
        string Tokenizer,
        string? ChatTemplate,
        string Output,
        ScalarType DType,
        long Seed,
        bool TieWordEmbeddings,
        bool Force);
}
