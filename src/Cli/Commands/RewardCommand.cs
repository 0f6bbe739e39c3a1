using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Core.Rewards;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain reward score</c>: try a reward on a JSONL file of samples before training with it.</summary>
internal static class RewardCommand
{
    public static Command Create()
    {
        var reward = new Option<string?>("--reward") { Description = "a registered reward, e.g. math_verify" };
        var plugin = new Option<string?>("--plugin") { Description = "a reward plug-in assembly (with --type)" };
        var type = new Option<string?>("--type") { Description = "the plug-in's reward type, full name" };
        var http = new Option<string?>("--http") { Description = "a remote judge's URL: samples are POSTed to it as JSON" };
        var recipe = new Option<string?>("--recipe") { Description = "score with a recipe's rewards (weighted sum, under its reward_limits)" };
        var header = new Option<string[]>("--header")
        {
            Description = "an HTTP header for --http, \"Name: value\" (repeatable); ${VAR} is replaced by environment variable VAR",
        };
        var isolate = new Option<bool>("--isolate") { Description = "run the reward in a child process, killed past --timeout or --memory-mb" };
        var memory = new Option<int?>("--memory-mb") { Description = "with --isolate: the child's memory limit in MB (default 1024)" };
        var input = new Option<string>("--input") { Description = "JSONL: prompt, completion, ground_truth, metadata", Required = true };
        var timeout = new Option<double>("--timeout")
        {
            Description = "seconds allowed per sample (in process), per batch (--isolate) or per request (--http)",
            DefaultValueFactory = _ => 10,
        };
        var score = new Command("score", "Score a JSONL file of samples and print one JSON object per sample")
        {
            reward, plugin, type, http, recipe, header, isolate, memory, input, timeout,
        };
        score.SetAction(result => CliAction.Run(() => Run(new RewardScoring
        {
            Reward = result.GetValue(reward),
            Plugin = result.GetValue(plugin),
            Type = result.GetValue(type),
            Http = result.GetValue(http),
            Recipe = result.GetValue(recipe),
            Headers = result.GetValue(header) ?? [],
            Isolate = result.GetValue(isolate),
            MemoryMb = result.GetValue(memory),
            TimeoutSeconds = result.GetValue(timeout),
        }, result.GetValue(input)!)));
        return new Command("reward", "Work with rewards") { score };
    }

    static int Run(RewardScoring scoring, string input)
    {
        scoring.Validate();
        var outputs = scoring.Score(RewardSamples.Read(input));
        Console.WriteLine(new JsonArray(outputs.Select(ToJson).ToArray()).ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        return 0;
    }

    static JsonNode ToJson(RewardOutput output) => new JsonObject
    {
        ["score"] = output.Failed ? null : output.Score,
        ["sub_scores"] = new JsonObject(output.SubScores.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["error"] = output.Error,
        ["note"] = output.Note,
    };
}
