using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Rewards;
using PostTrain.Rewards.Isolation;
using PostTrain.Rewards.Plugins;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain reward score</c>: try a reward on a JSONL file of samples before training with it.</summary>
internal static class RewardCommand
{
    public static Command Create()
    {
        var reward = new Option<string?>("--reward") { Description = "a registered reward, e.g. math_verify" };
        var plugin = new Option<string?>("--plugin") { Description = "a reward plug-in assembly (with --type)" };
        var type = new Option<string?>("--type") { Description = "the plug-in's reward type, full name" };
        var input = new Option<string>("--input") { Description = "JSONL: prompt, completion, ground_truth, metadata", Required = true };
        var timeout = new Option<double>("--timeout") { Description = "seconds allowed per sample", DefaultValueFactory = _ => 10 };
        var score = new Command("score", "Score a JSONL file of samples and print one JSON object per sample")
        {
            reward, plugin, type, input, timeout,
        };
        score.SetAction(result => CliAction.Run(() => Run(result.GetValue(reward), result.GetValue(plugin), result.GetValue(type),
            result.GetValue(input)!, result.GetValue(timeout))));
        return new Command("reward", "Work with rewards") { score };
    }

    static int Run(string? name, string? plugin, string? type, string input, double timeoutSeconds)
    {
        if ((name is null) == (plugin is null)) throw new ArgumentException("give either --reward NAME or --plugin PATH --type TYPE");
        if (plugin is not null && type is null) throw new ArgumentException("--plugin needs --type, the reward's full type name");
        using var services = new ServiceCollection().AddBuiltInRewards().BuildServiceProvider();
        var function = name is not null
            ? services.GetRequiredService<RewardRegistry>().Resolve(name)
            : RewardPluginLoader.Load(plugin!, type!);
        var samples = RewardSamples.Read(input);
        var guarded = new GuardedReward(function, new RewardLimits
        {
            PerSample = TimeSpan.FromSeconds(timeoutSeconds), MaxConsecutiveFailures = 0,
        });
        var outputs = guarded.ScoreAsync(samples, CancellationToken.None).GetAwaiter().GetResult();
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
