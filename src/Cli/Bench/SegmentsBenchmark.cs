using System.Diagnostics;
using System.Text.Json.Nodes;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;

namespace PostTrain.Cli.Bench;

/// <summary>
/// UloRL's segment rollout against ordinary rollout, through the grains and the real engine. Response lengths are
/// forced to a log-normal distribution (the model ends each sample at its drawn length), the same draws for every
/// setting. Each setting keeps <c>active</c> samples decoding per step and runs past its warm-up (the first S steps,
/// while the unfinished pool fills); time per update is then the window's time per <c>active</c> trained samples, so
/// every setting is charged for the same number of trained samples per update. Learner time is not included: it is
/// the same per update in every setting.
/// </summary>
internal static class SegmentsBenchmark
{

    public static BenchReport Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    static async Task<BenchReport> RunAsync(bool quick)
    {
        // The tiny preset: on 2 CPU cores its decode step costs little more at 16 rows than at 1, the regime a GPU
        // decodes in; larger models here are compute-bound, so an idle slot costs almost nothing and segments gain less.
        const string preset = "tiny";
        const int groupSize = 4;
        var active = 16;
        var (median, sigma, cap) = quick ? (8.0, 1.0, 64) : (64.0, 1.25, 512);
        var windowUpdates = quick ? 2 : 8;
        var report = new BenchReport("segments");
        report.Config["preset"] = preset;
        report.Config["group_size"] = groupSize;
        report.Config["active_samples"] = active;
        report.Config["trained_samples_per_update"] = active;
        report.Config["lengths"] = new JsonObject { ["distribution"] = "log-normal", ["median"] = median, ["sigma"] = sigma, ["max_response_length"] = cap };
        report.Config["window_updates"] = windowUpdates;
        report.Config["learner_time"] = "excluded (identical per update in every setting)";

        using var model = BenchRollouts.Model(preset);
        await using var host = await PostTrainHost.StartAsync();
        var settings = new[] { 1, 2, 4, 8 }.Select(segments => new RolloutSettings
        {
            GroupSize = groupSize, MaxResponseLength = cap, Segments = segments, ActiveSamples = active, Workers = 1, Seed = 1,
            Sampling = new SamplingSpec { Temperature = 1.0 }, Rewards = { ["exact_match"] = 1.0 },
        }).ToList();
        // Two rounds over the settings, interleaved, so that a noisy stretch of the shared machine falls on all of them.
        var rounds = quick ? 1 : 2;
        report.Config["rounds"] = rounds;
        var results = settings.ToDictionary(setting => setting.Segments, _ => new List<Measured>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var setting in settings)
            {
                var lengths = new LogNormalLengths(median, sigma, cap, seed: 42 + round);
                results[setting.Segments].Add(await MeasureAsync(host, model, setting, lengths, windowUpdates, $"segments-s{setting.Segments}-r{round}"));
            }
        }

        var baseline = results[1].Average(m => m.SecondsPerUpdate);
        foreach (var (segments, measured) in results)
        {
            var secondsPerUpdate = measured.Average(m => m.SecondsPerUpdate);
            report.Metrics[$"seconds_per_update_s{segments}"] = secondsPerUpdate;
            report.Metrics[$"seconds_per_update_by_round_s{segments}"] = new JsonArray(measured.Select(m => (JsonNode)m.SecondsPerUpdate).ToArray());
            report.Metrics[$"idle_slot_fraction_s{segments}"] = measured.Average(m => m.IdleSlotFraction);
            report.Metrics[$"mean_response_tokens_s{segments}"] = measured.Average(m => m.MeanLength);
            if (segments > 1) report.Metrics[$"speedup_s{segments}"] = baseline / secondsPerUpdate;
        }
        return report;
    }

    sealed record Measured(double SecondsPerUpdate, double IdleSlotFraction, double MeanLength);

    static async Task<Measured> MeasureAsync(PostTrainHost host, Modeling.Architecture.CausalLanguageModel model, RolloutSettings settings,
        LogNormalLengths lengths, int windowUpdates, string job)
    {
        var (rollout, _) = await BenchRollouts.StartJobAsync(host, job, model, settings);
        var next = 0;
        async Task TopUpAsync()
        {
            var snapshot = await rollout.SnapshotAsync();
            var wanted = 2 * settings.ActiveSamples / settings.GroupSize - snapshot.WaitingPrompts;
            if (wanted <= 0) return;
            await rollout.AddPromptsAsync(Enumerable.Range(0, wanted)
                .Select(_ => BenchRollouts.Prompt(next++, Enumerable.Range(0, settings.GroupSize).Select(_ => lengths.Next()).ToArray())));
        }

        long step = 0;
        for (; step < settings.Segments; step++)
        {
            await TopUpAsync();
            await rollout.RunStepAsync(step);
        }
        var (trained, tokens, slotSteps, busy) = (0L, 0L, 0L, 0L);
        var clock = new Stopwatch();
        while (trained < windowUpdates * settings.ActiveSamples)
        {
            await TopUpAsync();
            clock.Start();
            var result = await rollout.RunStepAsync(step++);
            clock.Stop();
            trained += result.Report.Groups.Sum(g => g.Samples.Length);
            tokens += result.Report.Groups.Sum(g => g.Samples.Sum(s => (long)s.CompletionIds.Length));
            slotSteps += result.SlotSteps;
            busy += result.BusySlotSteps;
        }
        var secondsPerUpdate = clock.Elapsed.TotalSeconds * settings.ActiveSamples / trained;
        return new Measured(secondsPerUpdate, slotSteps == 0 ? 0 : 1.0 - (double)busy / slotSteps, (double)tokens / trained);
    }
}
