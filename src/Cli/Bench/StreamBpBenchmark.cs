using System.Text.Json.Nodes;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Planning;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Cli.Bench;

/// <summary>
/// Peak memory of SFT, GRPO (G = 8) and DPO against sequence length for plain, checkpoint and StreamBP backward,
/// each measured in a child process; the longest length that fits a fixed budget (chosen by the planner, then
/// verified by measurement); StreamBP's time against checkpointing; its float32 gradient error; and the planner's
/// worst prediction over all measured points.
/// </summary>
internal static class StreamBpBenchmark
{
    static readonly BackwardMode[] Modes = [BackwardMode.Plain, BackwardMode.Checkpoint, BackwardMode.StreamBP];
    static readonly string[] Objectives = ["sft", "grpo", "dpo"];

    public static BenchReport Run(bool quick)
    {
        var preset = quick ? "tiny" : "small";
        var vocab = quick ? 4096 : 50257;
        // The budget is each objective's fixed cost (runtime, weights, DPO's reference weights, gradients) plus the
        // same allowance for everything that grows with length.
        var allowance = quick ? 64L << 20 : 300L << 20;
        int[] lengths = quick ? [32, 64] : [128, 256, 512];
        var report = new BenchReport("streambp");
        report.Config["preset"] = preset;
        report.Config["vocab"] = vocab;
        report.Config["activation_budget_bytes"] = allowance;
        report.Config["grpo_group"] = 8;
        var config = MemoryProbe.Config(new MemoryProbe.Setup("sft", BackwardMode.Plain, 1, 8, 256, 512, vocab, preset));
        report.Config["parameters"] = MemoryPlanner.ParameterCount(config);

        var measurements = new JsonArray();
        var worst = 1.0;
        var checkpointSeconds = 0.0;
        var streamSeconds = 0.0;
        foreach (var objective in Objectives)
        {
            var budget = MemoryPlanner.Predict(Workload(config, objective, 0, new BackwardOptions())).PeakBytes + allowance;
            report.Config[$"budget_bytes_{objective}"] = budget;
            var maxLength = new Dictionary<BackwardMode, int>();
            foreach (var mode in Modes)
            {
                // For the longest sequences, StreamBP's small chunks: about 64 logits rows and 128 query rows per chunk.
                var rows = objective switch { "sft" => 1, "grpo" => 8, _ => 2 };
                var chunks = mode == BackwardMode.StreamBP
                    ? new BackwardOptions { Mode = mode, HeadChunk = Math.Max(4, 64 / rows), QueryChunk = Math.Max(16, 128 / rows) }
                    : new BackwardOptions { Mode = mode };
                var workload = Workload(config, objective, 0, chunks);
                // Points far past the budget only cost time; the planner says which those are.
                foreach (var length in lengths.Where(l => MemoryPlanner.Predict(workload with { Length = l }).PeakBytes < 3 * budget))
                {
                    var (peak, seconds, predicted) = Measure(objective, workload with { Length = length }, vocab, preset);
                    worst = Worse(worst, predicted / peak);
                    if (objective == "sft" && length == lengths[^1] && mode == BackwardMode.Checkpoint) checkpointSeconds = seconds;
                    measurements.Add(Row(objective, mode, length, peak, predicted, seconds, fits: null));
                }
                // Defaults for the timing comparison: StreamBP with its standard chunks at the longest grid length.
                if (objective == "sft" && mode == BackwardMode.StreamBP)
                    streamSeconds = Measure(objective, Workload(config, objective, lengths[^1], new BackwardOptions()), vocab, preset).Seconds;
                maxLength[mode] = VerifiedMaxLength(objective, workload, budget, vocab, preset, measurements, ref worst);
            }
            report.Metrics[$"max_len_{objective}_plain"] = maxLength[BackwardMode.Plain];
            report.Metrics[$"max_len_{objective}_checkpoint"] = maxLength[BackwardMode.Checkpoint];
            report.Metrics[$"max_len_{objective}_streambp"] = maxLength[BackwardMode.StreamBP];
            report.Metrics[$"max_len_ratio_{objective}"] = (double)maxLength[BackwardMode.StreamBP] / Math.Max(1, maxLength[BackwardMode.Checkpoint]);
        }
        report.Metrics["time_ratio_vs_checkpoint"] = streamSeconds / checkpointSeconds;
        report.Metrics["grad_rel_err"] = GradientError(preset, vocab, quick ? 48 : 256);
        report.Metrics["planner_error"] = worst;
        report.Config["measurements"] = measurements;
        return report;
    }

    // The planner proposes the longest length for the budget; each measurement then rescales the allowance above
    // the fixed cost by how far the predicted activations were off, and asks again. The longest measured length
    // that fit is the answer.
    static int VerifiedMaxLength(string objective, MemoryWorkload workload, long budget, int vocab, string preset,
        JsonArray measurements, ref double worst)
    {
        var best = 0;
        var fixedCost = (double)MemoryPlanner.Predict(workload with { Length = 0 }).PeakBytes;
        var target = (double)budget;
        var tried = new HashSet<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var length = MemoryPlanner.MaxLength(workload, (long)target);
            if (length <= 0 || !tried.Add(length)) break;
            var (peak, seconds, predicted) = Measure(objective, workload with { Length = length }, vocab, preset);
            worst = Worse(worst, predicted / peak);
            var fits = peak <= budget;
            measurements.Add(Row(objective, workload.Backward.Mode, length, peak, predicted, seconds, fits));
            if (fits) best = Math.Max(best, length);
            if (fits && peak > 0.97 * budget) break;
            var correction = Math.Max(0.1, (predicted - fixedCost) / Math.Max(1, peak - fixedCost));
            target = fixedCost + (budget - fixedCost) * correction * (fits ? 1.0 : 0.97);
        }
        return best;
    }

    static (double Peak, double Seconds, double Predicted) Measure(string objective, MemoryWorkload workload, int vocab, string preset)
    {
        var result = ChildProcess.RunJson("bench", "probe-memory", "--objective", objective, "--mode", workload.Backward.Mode.ToString(),
            "--length", $"{workload.Length}", "--group", "8", "--head-chunk", $"{workload.Backward.HeadChunk}",
            "--query-chunk", $"{workload.Backward.QueryChunk}", "--vocab", $"{vocab}", "--preset", preset);
        var predicted = MemoryPlanner.Predict(workload).PeakBytes;
        return (result["peak_bytes"]!.GetValue<long>(), result["seconds"]!.GetValue<double>(), predicted);
    }

    static MemoryWorkload Workload(PostTrain.Modeling.Configuration.DecoderConfig config, string objective, int length, BackwardOptions options) =>
        new(config, objective switch { "sft" => ObjectiveKind.Sft, "grpo" => ObjectiveKind.Grpo, _ => ObjectiveKind.Dpo },
            objective switch { "sft" => 1, "grpo" => 8, _ => 2 }, length, options, WithOptimizer: false, ReferenceModel: objective == "dpo");

    static JsonObject Row(string objective, BackwardMode mode, int length, double peak, double predicted, double seconds, bool? fits) => new()
    {
        ["objective"] = objective,
        ["mode"] = mode.ToString().ToLowerInvariant(),
        ["length"] = length,
        ["peak_mb"] = Math.Round(peak / 1e6, 1),
        ["predicted_mb"] = Math.Round(predicted / 1e6, 1),
        ["seconds"] = Math.Round(seconds, 2),
        ["fits_budget"] = fits,
    };

    static double Worse(double current, double ratio) => Math.Abs(Math.Log(ratio)) > Math.Abs(Math.Log(current)) ? ratio : current;

    // Plain autograd against StreamBP on the same float32 batch: |g_stream - g_plain| / |g_plain|.
    static double GradientError(string preset, int vocab, int length)
    {
        set_num_threads(Environment.ProcessorCount);
        var setup = new MemoryProbe.Setup("sft", BackwardMode.Plain, length, 8, 256, 512, vocab, preset);
        using var model = RandomModelFactory.Create(MemoryProbe.Config(setup), ModelPlacement.Cpu(), seed: 0);
        using var batch = MemoryProbe.Batch(setup);
        Dictionary<string, Tensor> Gradients(BackwardOptions options)
        {
            foreach (var p in model.parameters()) p.grad = null;
            SequenceBackward.Run(model, batch, new SftObjective(batch), options);
            return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        }
        var plain = Gradients(new BackwardOptions { Mode = BackwardMode.Plain });
        var stream = Gradients(new BackwardOptions { Mode = BackwardMode.StreamBP, HeadChunk = 64, QueryChunk = 96 });
        double difference = 0, norm = 0;
        foreach (var (name, value) in plain)
        {
            difference += (stream[name] - value).to(ScalarType.Float64).square().sum().item<double>();
            norm += value.to(ScalarType.Float64).square().sum().item<double>();
        }
        return Math.Sqrt(difference / norm);
    }
}
