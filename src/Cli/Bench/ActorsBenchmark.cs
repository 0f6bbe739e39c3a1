using System.Diagnostics;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Segments;
using PostTrain.Core.Generation;
using PostTrain.Core.Rewards;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rewards.Format;
using PostTrain.Rollout.Engine;

namespace PostTrain.Cli.Bench;

/// <summary>
/// What the grains cost: the same rollout (same prompts, seeds, forced lengths, engine size, reward) run through
/// the buffer, worker and reward grains of an embedded silo, and by calling the engine and the reward directly.
/// Rounds alternate which of the two runs first, so that machine noise falls on both; the medians are compared.
/// </summary>
internal static class ActorsBenchmark
{
    public static BenchReport Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    static async Task<BenchReport> RunAsync(bool quick)
    {
        var preset = quick ? "tiny" : "small";
        var (groups, groupSize, rounds) = quick ? (2, 4, 2) : (8, 4, 7);
        var samples = groups * groupSize;
        var lengths = new LogNormalLengths(quick ? 8 : 48, 1.0, quick ? 32 : 256, seed: 7);
        var report = new BenchReport("actors");
        report.Config["preset"] = preset;
        report.Config["samples_per_round"] = samples;
        report.Config["group_size"] = groupSize;
        report.Config["rounds"] = rounds;
        report.Config["lengths"] = $"log-normal, median {lengths.Median}, sigma {lengths.Sigma}, cap {lengths.Cap}";

        using var model = BenchRollouts.Model(preset);
        var tokenizer = TokenizerFactory.Load("builtin");
        var settings = new RolloutSettings
        {
            GroupSize = groupSize, MaxResponseLength = lengths.Cap, Segments = 1, ActiveSamples = samples, Workers = 1, Seed = 3,
            Sampling = new SamplingSpec { Temperature = 1.0 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var forced = Enumerable.Range(0, groups).Select(_ => Enumerable.Range(0, groupSize).Select(_ => lengths.Next()).ToArray()).ToArray();
        await using var host = await PostTrainHost.StartAsync();
        var (rollout, _) = await BenchRollouts.StartJobAsync(host, "actors", model, settings);
        using var engine = new GenerationEngine(model, new EngineOptions
        {
            MaxBatchSize = samples, MaxSequenceLength = (BenchRollouts.PromptTokens + lengths.Cap + 63) / 64 * 64,
        });
        var reward = new ExactMatchReward();

        var (direct, grains, grainEngine) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = -1; round < rounds; round++)
        {
            var prompts = Enumerable.Range(0, groups).Select(g => BenchRollouts.Prompt(round * 1000 + 1000 + g, forced[g])).ToArray();
            Task Direct() => DirectAsync(engine, reward, tokenizer, settings, prompts);
            double engineSeconds = 0;
            async Task Grains()
            {
                await rollout.AddPromptsAsync(prompts);
                var step = await rollout.RunStepAsync(round + 1);
                engineSeconds = step.DecodeSeconds + step.PrefillSeconds;
            }
            // Alternate which goes first, so that neither always runs on a warmer (or busier) machine.
            double directSeconds, grainSeconds;
            if (round % 2 == 0)
                (directSeconds, grainSeconds) = (await TimeAsync(Direct), await TimeAsync(Grains));
            else
                (grainSeconds, directSeconds) = (await TimeAsync(Grains), await TimeAsync(Direct));
            if (round < 0) continue; // warm-up: engines built, code paths jitted
            direct.Add(directSeconds);
            grains.Add(grainSeconds);
            grainEngine.Add(engineSeconds);
        }
        report.Metrics["direct_seconds_median"] = Median(direct);
        report.Metrics["grain_seconds_median"] = Median(grains);
        report.Metrics["grain_overhead"] = Median(grains) / Median(direct);
        // The worker's own engine time inside the grain path: what is left of grain_seconds is messaging, storage, rewards.
        report.Metrics["grain_engine_seconds_median"] = Median(grainEngine);
        return report;
    }

    static async Task DirectAsync(GenerationEngine engine, ExactMatchReward reward, ITextTokenizer tokenizer,
        RolloutSettings settings, RolloutPrompt[] prompts)
    {
        var requests = prompts.SelectMany(p => Enumerable.Range(0, settings.GroupSize).Select(member =>
            new GenerationRequest($"{p.Id}#{member}", p.PromptIds, settings.Sampling.ToParameters(
                Math.Min(p.ForcedLengths![member], settings.MaxResponseLength), RolloutLedger.SampleSeed(settings.Seed, p.Id, member))))).ToList();
        var results = await Task.Run(() => engine.Generate(requests));
        var inputs = results.Select((r, i) => new RewardInput(prompts[i / settings.GroupSize].PromptText, tokenizer.Decode(r.GeneratedIds))
        {
            CompletionIds = r.GeneratedIds,
            GroundTruth = prompts[i / settings.GroupSize].GroundTruth,
        }).ToList();
        await reward.ScoreAsync(inputs, CancellationToken.None);
    }

    static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
