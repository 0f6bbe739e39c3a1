using System.CommandLine;
using PostTrain.Cli.Commands;
using PostTrain.Learner.Backward;

namespace PostTrain.Cli.Bench;

/// <summary>Hidden <c>posttrain bench probe-memory</c>: what <c>bench streambp</c> runs in each child process.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var objective = new Option<string>("--objective") { Required = true };
        objective.AcceptOnlyFromAmong("sft", "grpo", "dpo");
        var mode = new Option<BackwardMode>("--mode") { Required = true };
        var length = new Option<int>("--length") { Required = true };
        var group = new Option<int>("--group") { DefaultValueFactory = _ => 8 };
        var headChunk = new Option<int>("--head-chunk") { DefaultValueFactory = _ => 256 };
        var queryChunk = new Option<int>("--query-chunk") { DefaultValueFactory = _ => 512 };
        var vocab = new Option<int>("--vocab") { DefaultValueFactory = _ => 50257 };
        var preset = new Option<string>("--preset") { DefaultValueFactory = _ => "small" };
        var command = new Command("probe-memory", "one backward step in this process; prints its peak memory as JSON")
        {
            objective, mode, length, group, headChunk, queryChunk, vocab, preset,
        };
        command.Hidden = true;
        command.SetAction(result => CliAction.Run(() =>
        {
            var setup = new MemoryProbe.Setup(result.GetValue(objective)!, result.GetValue(mode), result.GetValue(length),
                result.GetValue(group), result.GetValue(headChunk), result.GetValue(queryChunk), result.GetValue(vocab), result.GetValue(preset)!);
            Console.WriteLine(MemoryProbe.Run(setup).ToJsonString());
            return 0;
        }));
        return command;
    }
}
