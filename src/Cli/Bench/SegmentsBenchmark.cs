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
/// the same per update in every setting. Segmented settings refill freed slots (refill_samples = active_samples);
/// 4 segments without refill is measured beside them.
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
        report.Config["refill_samples"] = active;
        report.Config["trained_samples_per_update"] = active;
        report.Config["lengths"] = new JsonObject { ["distribution"] = "log-normal", ["median"] = median, ["sigma"] = sigma, ["max_response_length"] = cap };
        report.Config["window_updates"] = windowUpdates;
        report.Config["learner_time"] = "excluded (identical per update in every setting)";

        using var model = BenchRollouts.Model(preset);
        await using var host = await PostTrainHost.StartAsync();
        RolloutSettings Setting(int segments, int refill) => new()
        {
            GroupSize = groupSize, MaxResponseLength = cap, Segments = segments, ActiveSamples = active, RefillSamples = refill,
            Workers = 1, Seed = 1, Sampling = new SamplingSpec { Temperature = 1.0 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var settings = new (string Label, RolloutSettings Settings)[]
        {
            ("s1", Setting(1, 0)), ("s2", Setting(2, active)), ("s4", Setting(4, active)), ("s8", Setting(8, active)),
            ("s4_no_refill", Setting(4, 0)),
        };
        // Two rounds over the settings, interleaved, so that a noisy stretch of the shared machine falls on all of them.
        var rounds = quick ? 1 : 2;
        report.Config["rounds"] = rounds;
        var results = settings.ToDictionary(s => s.Label, _ => new List<SegmentsMeasurement>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (label, setting) in settings)
            {
                var lengths = new LogNormalLengths(median, sigma, cap, seed: 42 + round);
                results[label].Add(await SegmentsMeasurement.RunAsync(host, model, setting, lengths, windowUpdates, $"segments-{label}-r{round}"));
            }
        }

        var baseline = results["s1"].Average(m => m.SecondsPerUpdate);
        foreach (var (label, measured) in results)
        {
            var secondsPerUpdate = measured.Average(m => m.SecondsPerUpdate);
            report.Metrics[$"seconds_per_update_{label}"] = secondsPerUpdate;
            report.Metrics[$"seconds_per_update_by_round_{label}"] = new JsonArray(measured.Select(m => (JsonNode)m.SecondsPerUpdate).ToArray());
            if (label != "s1") report.Metrics[$"speedup_{label}"] = baseline / secondsPerUpdate;
            report.Metrics[$"idle_slot_fraction_{label}"] = measured.Average(m => m.IdleSlotFraction);
            report.Metrics[$"started_mid_step_fraction_{label}"] = measured.Average(m => m.StartedMidStepFraction);
            report.Metrics[$"mean_response_tokens_{label}"] = measured.Average(m => m.MeanLength);
            report.Metrics[$"decode_steps_per_update_{label}"] = measured.Average(m => m.DecodeSteps);
            report.Metrics[$"decode_seconds_per_update_{label}"] = measured.Average(m => m.DecodeSeconds);
            report.Metrics[$"prefill_seconds_per_update_{label}"] = measured.Average(m => m.PrefillSeconds);
            report.Metrics[$"engine_bookkeeping_seconds_per_update_{label}"] = measured.Average(m => m.GenerateSeconds - m.DecodeSeconds - m.PrefillSeconds);
            report.Metrics[$"scoring_seconds_per_update_{label}"] = measured.Average(m => m.ScoreSeconds);
            report.Metrics[$"grain_seconds_per_update_{label}"] = measured.Average(m => m.SecondsPerUpdate - m.GenerateSeconds - m.ScoreSeconds);
        }
        return report;
    }
}
