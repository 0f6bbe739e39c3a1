using System.Diagnostics;
using System.Text.Json.Nodes;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Cli.Bench;

/// <summary>
/// One forward and backward of one objective at one length, in a process of its own, reporting the process's peak
/// resident memory during the step (Linux resets the high-water mark on request, so the figure is the step's own).
/// </summary>
internal static class MemoryProbe
{
    public sealed record Setup(string Objective, BackwardMode Mode, int Length, int Group, int HeadChunk, int QueryChunk, int Vocab, string Preset);

    public static JsonObject Run(Setup setup)
    {
        set_num_threads(Environment.ProcessorCount);
        var baseline = ResidentBytes("VmRSS");
        var config = Config(setup);
        using var policy = RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed: 0);
        using var reference = setup.Objective == "dpo" ? RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed: 1) : null;
        using var batch = Batch(setup);
        var options = new BackwardOptions { Mode = setup.Mode, HeadChunk = setup.HeadChunk, QueryChunk = setup.QueryChunk };
        var referenceSums = reference is null ? null : DpoStep.SequenceLogProbs(reference, batch, setup.HeadChunk);
        var beforeStep = ResidentBytes("VmRSS");
        ResetPeak();
        var watch = Stopwatch.StartNew();
        switch (setup.Objective)
        {
            case "sft":
                SequenceBackward.Run(policy, batch, new SftObjective(batch), options);
                break;
            case "grpo":
                var advantages = TokenAdvantages.FromSequences(batch, Enumerable.Range(0, setup.Group).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToList());
                GrpoStep.Backward(policy, null, batch, advantages, Enumerable.Repeat(1.0, setup.Group).ToList(), new GrpoOptions(), options);
                break;
            default:
                DpoStep.Backward(policy, referenceSums!, batch, new DpoOptions(), options);
                break;
        }
        return new JsonObject
        {
            ["peak_bytes"] = ResidentBytes("VmHWM"),
            ["before_step_bytes"] = beforeStep,
            ["runtime_bytes"] = baseline,
            ["seconds"] = watch.Elapsed.TotalSeconds,
        };
    }

    public static DecoderConfig Config(Setup setup) =>
        RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get(setup.Preset), setup.Vocab, null, [], null, tieWordEmbeddings: true);

    /// <summary>SFT: one sequence; GRPO: a group of G completions; DPO: one pair. Each sequence is <c>Length</c> tokens.</summary>
    public static TokenBatch Batch(Setup setup)
    {
        TrainingSequence Sequence(int salt) => new(
            Enumerable.Range(0, setup.Length / 4).Select(i => (i * 31 + salt) % (setup.Vocab - 1) + 1).ToArray(),
            Enumerable.Range(0, setup.Length - setup.Length / 4).Select(i => (i * 17 + salt * 7) % (setup.Vocab - 1) + 1).ToArray());
        return setup.Objective switch
        {
            "sft" => TokenBatchBuilder.Padded([Sequence(0)]),
            "grpo" => TokenBatchBuilder.Padded(Enumerable.Range(0, setup.Group).Select(Sequence).ToList()),
            _ => TokenBatchBuilder.Padded([Sequence(0), Sequence(1)]),
        };
    }

    static long ResidentBytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    // Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one (Linux 4.0+).
    static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
}
