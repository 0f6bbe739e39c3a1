using System.Diagnostics;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Modeling.Architecture;

namespace PostTrain.Cli.Bench;

/// <summary>
/// One setting of <see cref="SegmentsBenchmark"/>: time and engine work per update (<c>active</c> trained samples),
/// measured over a window of steps after the warm-up.
/// </summary>
internal sealed record SegmentsMeasurement(double SecondsPerUpdate, double IdleSlotFraction, double MeanLength,
    double DecodeSteps, double DecodeSeconds, double PrefillSeconds, double GenerateSeconds, double ScoreSeconds, double StartedMidStepFraction)
{
    public static async Task<SegmentsMeasurement> RunAsync(PostTrainHost host, CausalLanguageModel model, RolloutSettings settings,
        LogNormalLengths lengths, int windowUpdates, string job)
    {
        var (rollout, _) = await BenchRollouts.StartJobAsync(host, job, model, settings);
        var next = 0;
        async Task TopUpAsync()
        {
            // A data set never runs dry: enough prompts wait for a step's new groups and for its standby groups.
            var snapshot = await rollout.SnapshotAsync();
            var wanted = (settings.ActiveSamples + settings.StandbySamples) / settings.GroupSize - snapshot.WaitingPrompts;
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
        var (trained, tokens, slotSteps, busy, started, startedMidStep) = (0L, 0L, 0L, 0L, 0L, 0L);
        var (decode, prefill, generate, score) = (0.0, 0.0, 0.0, 0.0);
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
            started += result.Report.Started;
            startedMidStep += result.Report.StartedMidStep;
            decode += result.DecodeSeconds;
            prefill += result.PrefillSeconds;
            generate += result.GenerateSeconds;
            score += result.ScoreSeconds;
        }
        var perUpdate = (double)settings.ActiveSamples / trained;
        return new SegmentsMeasurement(clock.Elapsed.TotalSeconds * perUpdate, slotSteps == 0 ? 0 : 1.0 - (double)busy / slotSteps,
            (double)tokens / trained, (double)slotSteps / settings.ActiveSamples * perUpdate, decode * perUpdate, prefill * perUpdate,
            generate * perUpdate, score * perUpdate,
            started == 0 ? 0 : (double)startedMidStep / started);
    }
}
