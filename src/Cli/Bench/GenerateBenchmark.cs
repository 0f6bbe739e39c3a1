using System.Diagnostics;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Rollout.Engine;
using static TorchSharp.torch;

namespace PostTrain.Cli.Bench;

/// <summary>
/// Generation speed on the <c>small</c> preset with GPT-2's vocabulary (49M parameters, tied embeddings): decode
/// throughput at batch 1, 8 and 32; the KV cache against recomputing every step; continuous against static batching
/// on log-normal output lengths; and decode FLOP/s as a fraction of a large matrix product's.
/// </summary>
internal static class GenerateBenchmark
{
    const int Gpt2Vocab = 50257;

    public static BenchReport Run(bool quick)
    {
        set_num_threads(Environment.ProcessorCount);
        var preset = ModelPresets.Get(quick ? "tiny" : "small");
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, preset, quick ? 512 : Gpt2Vocab, null, [], null, true);
        using var model = RandomModelFactory.Create(config, ModelPlacement.Cpu(), seed: 0);
        var promptLength = quick ? 8 : 32;
        var newTokens = quick ? 8 : 64;
        var report = new BenchReport("generate");
        report.Config["preset"] = preset.Name;
        report.Config["vocab"] = config.VocabSize;
        report.Config["parameters"] = model.parameters().Sum(p => p.NumberOfElements);
        report.Config["prompt_tokens"] = promptLength;
        report.Config["new_tokens"] = newTokens;

        foreach (var batch in new[] { 1, 8 })
            report.Metrics[$"decode_tokens_per_s_b{batch}"] = DecodeTokensPerSecond(model, batch, promptLength, newTokens);
        var (rate32, fraction, peak) = GemmFraction(model, config, promptLength, newTokens, quick);
        report.Metrics["decode_tokens_per_s_b32"] = rate32;
        report.Metrics["speedup_vs_no_cache"] = SpeedupVersusNoCache(model, promptLength, newTokens);
        var (speedup, staticSeconds, continuousSeconds) = ContinuousVersusStatic(model, quick);
        report.Metrics["continuous_vs_static_speedup"] = speedup;
        report.Metrics["static_seconds"] = staticSeconds;
        report.Metrics["continuous_seconds"] = continuousSeconds;

        report.Metrics["decode_gflops_b32"] = rate32 * DecodeFlopsPerToken(config, promptLength + newTokens / 2) / 1e9;
        report.Metrics["matmul_gflops"] = peak / 1e9;
        report.Metrics["gemm_fraction"] = fraction;
        return report;
    }

    // The engine times its decode steps apart from prompt prefills, so the rate is of decode steps alone.
    static double DecodeTokensPerSecond(CausalLanguageModel model, int batch, int promptLength, int newTokens)
    {
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = batch, MaxSequenceLength = 512 });
        GenerationRequest[] Requests(int tokens) => Enumerable.Range(0, batch).Select(i => Request(i, promptLength,
            new SamplingParameters { Temperature = 1.0, MaxNewTokens = tokens, Seed = i })).ToArray();
        engine.Generate(Requests(4)); // warm-up
        engine.Statistics.Reset();
        engine.Generate(Requests(newTokens));
        return engine.Statistics.DecodeTokensPerSecond;
    }

    // The machine is shared, so the matmul yardstick is measured right before and right after each batch-32 decode
    // run and averaged; the median of three rounds is reported.
    static (double Rate, double Fraction, double Peak) GemmFraction(CausalLanguageModel model, DecoderConfig config,
        int promptLength, int newTokens, bool quick)
    {
        var size = quick ? 256 : 1536;
        var rounds = Enumerable.Range(0, 3).Select(_ =>
        {
            var before = MatmulPeak.FlopsPerSecond(size);
            var rate = DecodeTokensPerSecond(model, 32, promptLength, newTokens);
            var peak = (before + MatmulPeak.FlopsPerSecond(size)) / 2;
            return (Rate: rate, Fraction: rate * DecodeFlopsPerToken(config, promptLength + newTokens / 2) / peak, Peak: peak);
        }).OrderBy(r => r.Fraction).ToList();
        return rounds[1];
    }

    static double SpeedupVersusNoCache(CausalLanguageModel model, int promptLength, int newTokens)
    {
        var requests = Enumerable.Range(0, 8).Select(i => Request(i, promptLength,
            new SamplingParameters { Temperature = 0, MaxNewTokens = newTokens })).ToArray();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 8, MaxSequenceLength = 512 });
        engine.Generate(requests);
        var cached = Time(() => engine.Generate(requests));
        var recomputed = Time(() => RecomputingGenerator.Generate(model, requests));
        return recomputed / cached;
    }

    // Output lengths from a log-normal with a long tail. Static batching runs each group of 16 until its longest
    // member is done (as a padded batch does); continuous batching refills slots as members finish.
    static (double Speedup, double StaticSeconds, double ContinuousSeconds) ContinuousVersusStatic(CausalLanguageModel model, bool quick)
    {
        const int batch = 16;
        var count = quick ? 32 : 96;
        var random = new Random(7);
        var lengths = Enumerable.Range(0, count).Select(_ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (int)Math.Clamp(Math.Exp(Math.Log(quick ? 6 : 24) + 1.0 * normal), 2, quick ? 32 : 384);
        }).ToArray();
        var requests = lengths.Select((length, i) => Request(i, 16,
            new SamplingParameters { Temperature = 1.0, MaxNewTokens = length, Seed = i })).ToArray();
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = batch, MaxSequenceLength = 512 });
        engine.Generate(requests.Take(batch).Select(r => r with { Sampling = r.Sampling with { MaxNewTokens = 4 } }).ToArray());

        var staticSeconds = Time(() =>
        {
            foreach (var group in requests.Chunk(batch))
            {
                var longest = group.Max(r => r.Sampling.MaxNewTokens);
                engine.Generate(group.Select(r => r with { Sampling = r.Sampling with { MaxNewTokens = longest } }).ToArray());
            }
        });
        var continuousSeconds = Time(() => engine.Generate(requests));
        return (staticSeconds / continuousSeconds, staticSeconds, continuousSeconds);
    }

    // Multiply-adds of every projection and the LM head, plus attention's QK and AV over the average context.
    static double DecodeFlopsPerToken(DecoderConfig config, int averageContext)
    {
        var attentionWidth = (double)config.NumAttentionHeads * config.HeadDim;
        var kvWidth = (double)config.NumKeyValueHeads * config.HeadDim;
        var perLayer = config.HiddenSize * (2 * attentionWidth + 2 * kvWidth) + 3.0 * config.HiddenSize * config.IntermediateSize
                       + 2 * attentionWidth * averageContext;
        return 2 * (config.NumHiddenLayers * perLayer + (double)config.HiddenSize * config.VocabSize);
    }

    static GenerationRequest Request(int index, int promptLength, SamplingParameters sampling) =>
        new($"{index}", Enumerable.Range(0, promptLength).Select(t => (t * 131 + index * 17 + 1) % 250).ToArray(), sampling);

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
