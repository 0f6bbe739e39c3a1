using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Runtime;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rollout.Engine;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain generate</c>: text from a model folder, streamed, or as JSON with ids and log-probs.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Hugging Face model folder", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "prompt text" };
        var prompts = new Option<string?>("--prompts") { Description = "JSONL file: {\"prompt\"}, {\"messages\"} or {\"prompt_ids\"} per line" };
        var promptIds = new Option<string?>("--prompt-ids") { Description = "prompt as comma-separated token ids" };
        var chat = new Option<bool>("--chat") { Description = "wrap text prompts in the model's chat template" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "new tokens per prompt", DefaultValueFactory = _ => 128 };
        var temperature = new Option<double>("--temperature") { Description = "0 = greedy", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { DefaultValueFactory = _ => 1.0, Description = "nucleus mass (1 = off)" };
        var topK = new Option<int>("--top-k") { Description = "keep the k most likely tokens (0 = off)" };
        var penalty = new Option<double>("--repetition-penalty") { DefaultValueFactory = _ => 1.0, Description = "1 = off" };
        var stop = new Option<string[]>("--stop") { Description = "stop string (repeatable)", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<long>("--seed") { Description = "random seed; prompt i uses seed + i" };
        var json = new Option<bool>("--json") { Description = "print a JSON array: ids, text, logprobs, finish_reason" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var batch = new Option<int>("--batch-size") { Description = "sequences decoded together", DefaultValueFactory = _ => 32 };

        var command = new Command("generate", "Generate text with a model folder")
        {
            model, prompt, prompts, promptIds, chat, maxTokens, temperature, topP, topK, penalty, stop, seed, json, device, batch,
        };
        command.SetAction(result => CliAction.Run(() =>
        {
            var sources = Sources(result.GetValue(prompt), result.GetValue(prompts), result.GetValue(promptIds));
            var sampling = new SamplingParameters
            {
                MaxNewTokens = result.GetValue(maxTokens),
                Temperature = result.GetValue(temperature),
                TopP = result.GetValue(topP),
                TopK = result.GetValue(topK),
                RepetitionPenalty = result.GetValue(penalty),
                StopStrings = result.GetValue(stop) ?? [],
            };
            SamplingParametersValidator.Validate(sampling);
            return Run(result.GetValue(model)!, sources, result.GetValue(chat), sampling, result.GetValue(seed),
                result.GetValue(json), result.GetValue(device)!, result.GetValue(batch));
        }));
        return command;
    }

    static IReadOnlyList<PromptSource> Sources(string? text, string? file, string? ids)
    {
        var given = new[] { text, file, ids }.Count(v => v is not null);
        if (given != 1) throw new ArgumentException("give exactly one of --prompt, --prompts or --prompt-ids");
        if (text is not null) return [new PromptSource(text, null, null)];
        if (ids is not null) return [new PromptSource(null, null, PromptSource.ParseIds(ids, "--prompt-ids"))];
        return PromptSource.ReadJsonLines(file!);
    }

    static int Run(string directory, IReadOnlyList<PromptSource> sources, bool chat, SamplingParameters sampling,
        long seed, bool json, string deviceName, int batchSize)
    {
        var device = TorchRuntime.Configure(deviceName);
        var tokenizer = File.Exists(Path.Combine(directory, "tokenizer.json")) ? TokenizerFactory.Load(directory) : null;
        var loaded = ModelLoader.Load(directory, device);
        using var engine = new GenerationEngine(loaded.Model, new EngineOptions { MaxBatchSize = batchSize }, tokenizer);
        var requests = sources.Select((source, i) => new GenerationRequest($"{i}", source.Encode(tokenizer, chat),
            sampling with { Seed = seed + i })).ToArray();

        if (json)
        {
            var results = engine.Generate(requests);
            Console.WriteLine(ToJson(results, tokenizer).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        foreach (var request in requests)
        {
            var stream = new TextStream(tokenizer, Console.Out);
            var result = engine.Generate([request], (_, token) => stream.Add(token))[0];
            stream.Flush();
            Console.WriteLine();
            Console.Error.WriteLine($"[{result.GeneratedIds.Count} tokens, finish: {result.FinishReason.ToWireName()}]");
        }
        return 0;
    }

    static JsonArray ToJson(IReadOnlyList<GenerationResult> results, ITextTokenizer? tokenizer) =>
        new(results.Select(r => (JsonNode)new JsonObject
        {
            ["ids"] = new JsonArray(r.GeneratedIds.Select(id => (JsonNode?)id).ToArray()),
            ["text"] = tokenizer?.Decode(r.GeneratedIds),
            ["logprobs"] = new JsonArray(r.LogProbs.Select(lp => (JsonNode?)lp).ToArray()),
            ["finish_reason"] = r.FinishReason.ToWireName(),
        }).ToArray());
}
