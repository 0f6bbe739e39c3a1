using System.CommandLine;
using PostTrain.Cli.Commands;

namespace PostTrain.Cli.Bench;

/// <summary><c>posttrain bench NAME --json FILE</c>: measured figures, written as JSON.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Run a benchmark and write its figures as JSON");
        command.Subcommands.Add(Benchmark("generate", "decode throughput, KV-cache and continuous-batching speed-ups",
            (quick, path) => GenerateBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("streambp", "peak memory and longest sequence for plain, checkpoint and StreamBP backward",
            (quick, path) => StreamBpBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("learner", "SFT training tokens per second and MFU",
            (quick, path) => LearnerBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("segments", "UloRL segment rollout: time per update for 1, 2, 4 and 8 segments on heavy-tailed lengths",
            (quick, path) => SegmentsBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("actors", "grain overhead: one rollout through the grains against the engine called directly",
            (quick, path) => ActorsBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("mrsp", "MR-SP: RL steps on video prompts with the embedding cache against re-encoding at every use",
            (quick, path) => MrspBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(Benchmark("cluster", "rollout throughput with workers in one process against two silo processes over Redis, and the cost of keeping unfinished samples",
            (quick, path) => ClusterBenchmark.Run(quick).Write(path)));
        command.Subcommands.Add(ProbeCommand.Create());
        return command;
    }

    static Command Benchmark(string name, string description, Action<bool, string> run)
    {
        var json = new Option<string>("--json") { Description = "where to write the figures", Required = true };
        var quick = new Option<bool>("--quick") { Description = "tiny sizes: checks that the benchmark runs, measures nothing useful" };
        var command = new Command(name, description) { json, quick };
        command.SetAction(result => CliAction.Run(() =>
        {
            run(result.GetValue(quick), result.GetValue(json)!);
            Console.WriteLine(File.ReadAllText(result.GetValue(json)!));
            return 0;
        }));
        return command;
    }
}
