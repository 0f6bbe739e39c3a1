using System.Diagnostics;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Cli.Bench;

/// <summary>
/// SFT training throughput on the <c>small</c> preset with GPT-2's vocabulary (49M parameters): tokens per second,
/// and MFU, the model's FLOPs per second (6 per parameter per token, plus causal attention; recomputation not
/// counted) over a large matrix product's FLOP/s measured before and after in the same run.
/// </summary>
internal static class LearnerBenchmark
{
    public static BenchReport Run(bool quick)
    {
        set_num_threads(Environment.ProcessorCount);
        var preset = ModelPresets.Get(quick ? "tiny" : "small");
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, preset, quick ? 512 : 50257, null, [], null, true);
        using var model = RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed: 0);
        var (batchSize, length, steps) = quick ? (2, 64, 2) : (4, 512, 3);
        var report = new BenchReport("learner");
        report.Config["preset"] = preset.Name;
        report.Config["vocab"] = config.VocabSize;
        report.Config["parameters"] = model.parameters().Sum(p => p.NumberOfElements);
        report.Config["batch"] = batchSize;
        report.Config["sequence_length"] = length;

        foreach (var mode in new[] { BackwardMode.Checkpoint, BackwardMode.StreamBP })
        {
            var trainer = new SftTrainer(model, new SftOptions
            {
                BatchSize = batchSize,
                Training = new TrainingOptions
                {
                    Optimizer = new AdamWOptions { LearningRate = 1e-5 },
                    TotalSteps = steps + 1,
                    Backward = new BackwardOptions { Mode = mode },
                },
            });
            var batch = Enumerable.Range(0, batchSize).Select(i => new TrainingSequence(
                Enumerable.Range(0, length / 8).Select(t => (t * 31 + i) % (config.VocabSize - 1) + 1).ToArray(),
                Enumerable.Range(0, length - length / 8).Select(t => (t * 17 + i * 7) % (config.VocabSize - 1) + 1).ToArray())).ToList();
            trainer.Step(batch); // warm-up
            var before = MatmulPeak.FlopsPerSecond(quick ? 256 : 1536);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++) trainer.Step(batch);
            var seconds = watch.Elapsed.TotalSeconds;
            var peak = (before + MatmulPeak.FlopsPerSecond(quick ? 256 : 1536)) / 2;
            var tokensPerSecond = batchSize * length * steps / seconds;
            var name = mode.ToString().ToLowerInvariant();
            report.Metrics[$"tokens_per_s_{name}"] = tokensPerSecond;
            report.Metrics[$"mfu_{name}"] = tokensPerSecond * TrainingFlopsPerToken(config, length) / peak;
            report.Metrics["matmul_gflops"] = peak / 1e9;
        }
        report.Metrics["tokens_per_s"] = report.Metrics["tokens_per_s_streambp"]!.GetValue<double>();
        report.Metrics["mfu"] = report.Metrics["mfu_streambp"]!.GetValue<double>();
        return report;
    }

    // 6 FLOPs per matrix parameter per token (forward 2, backward 4), plus causal attention's QK and AV: 6 x 2 x
    // layers x attention width x half the sequence.
    static double TrainingFlopsPerToken(DecoderConfig config, int length)
    {
        var attentionWidth = (double)config.NumAttentionHeads * config.HeadDim;
        var kvWidth = (double)config.NumKeyValueHeads * config.HeadDim;
        var perLayer = config.HiddenSize * (2 * attentionWidth + 2 * kvWidth) + 3.0 * config.HiddenSize * config.IntermediateSize;
        var matrices = config.NumHiddenLayers * perLayer + (double)config.HiddenSize * config.VocabSize;
        return 6 * matrices + 6 * 2 * config.NumHiddenLayers * attentionWidth * (length / 2.0);
    }
}
