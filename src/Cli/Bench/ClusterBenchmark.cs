using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Segments;
using PostTrain.Modeling.Architecture;

namespace PostTrain.Cli.Bench;

/// <summary>
/// Rollout throughput with the workers in one process (the embedded default) against the same workers in two
/// <c>posttrain silo</c> processes of a Redis cluster (this process is then the trainer silo: buffer, policy store,
/// rewards), on the same prompts, forced lengths and seeds, rounds interleaved. And what keeping unfinished samples
/// costs in the cluster: the buffer's Redis reads and writes during the steps (Orleans' storage latency), plus a
/// checkpoint's save and a resume's restore of the buffer after every step, over the rollout time.
/// </summary>
internal static class ClusterBenchmark
{
    public static BenchReport Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    static async Task<BenchReport> RunAsync(bool quick)
    {
        var preset = quick ? "tiny" : "small";
        var (steps, rounds) = quick ? (2, 1) : (5, 2);
        var lengths = (Median: quick ? 8.0 : 64.0, Sigma: 1.0, Cap: quick ? 32 : 256);
        var cores = Environment.ProcessorCount;
        var settings = new RolloutSettings
        {
            GroupSize = 4, MaxResponseLength = lengths.Cap, Segments = 2, ActiveSamples = 32, Workers = 2, Seed = 11,
            Sampling = new SamplingSpec { Temperature = 1.0 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var report = new BenchReport("cluster");
        report.Config["preset"] = preset;
        report.Config["workers"] = settings.Workers;
        report.Config["active_samples"] = settings.ActiveSamples;
        report.Config["group_size"] = settings.GroupSize;
        report.Config["segments"] = settings.Segments;
        report.Config["lengths"] = new JsonObject { ["distribution"] = "log-normal", ["median"] = lengths.Median, ["sigma"] = lengths.Sigma, ["max_response_length"] = lengths.Cap };
        report.Config["measured_steps_per_round"] = steps;
        report.Config["rounds"] = rounds;
        report.Config["one_process"] = $"embedded silo, {settings.Workers} workers sharing the published weights, {cores} libtorch threads";
        // Each silo gets its share of the cores: libtorch's threads spin while they wait, and two silos with a thread per
        // core each ran several times slower here (tokens per CPU-second fell tenfold) than with one thread each.
        report.Config["two_silos"] = $"Redis on loopback, 2 posttrain silo processes with 1 worker and {Math.Max(1, cores / 2)} libtorch thread(s) each; this process the trainer silo";

        using var model = BenchRollouts.Model(preset);
        await using var embedded = await PostTrainHost.StartAsync();
        await using var cluster = await LocalCluster.StartAsync(silos: 2, threadsPerSilo: Math.Max(1, cores / 2));
        await using var trainer = await PostTrainHost.StartAsync(cluster: cluster.Cluster);
        using var storage = new StorageTimer("rollout-buffer");
        var self = Process.GetCurrentProcess();
        TimeSpan OwnCpu()
        {
            self.Refresh();
            return self.TotalProcessorTime;
        }
        var one = await Rollouts.StartAsync(embedded, "bench-one", model, settings, lengths, OwnCpu);
        var two = await Rollouts.StartAsync(trainer, "bench-two", model, settings, lengths, () => OwnCpu() + cluster.ProcessorTime());
        await one.StepAsync(null); // warm-up: engines built, weights downloaded, code jitted
        await two.StepAsync(null);
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so that a busy stretch of the shared machine falls on both.
            foreach (var system in round % 2 == 0 ? new[] { one, two } : [two, one])
            {
                var (tokens, seconds) = (system.Tokens, system.Seconds);
                for (var s = 0; s < steps; s++)
                    await system.StepAsync(system == two ? storage : null, measure: true);
                system.RoundRates.Add((system.Tokens - tokens) / (system.Seconds - seconds));
            }
        }

        report.Metrics["one_process_tokens_per_second"] = Math.Round(one.TokensPerSecond, 1);
        report.Metrics["two_silos_tokens_per_second"] = Math.Round(two.TokensPerSecond, 1);
        report.Metrics["two_silos_speedup"] = Math.Round(two.TokensPerSecond / one.TokensPerSecond, 3);
        // Wall-clock rates on a machine shared with other jobs follow the share of the cores each setup got; tokens per
        // CPU-second (every process involved: this one, and the silos and Redis) do not.
        report.Metrics["one_process_tokens_per_cpu_second"] = Math.Round(one.Tokens / one.CpuSeconds, 1);
        report.Metrics["two_silos_tokens_per_cpu_second"] = Math.Round(two.Tokens / two.CpuSeconds, 1);
        report.Metrics["one_process_tokens_per_second_by_round"] = new JsonArray(one.RoundRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
        report.Metrics["two_silos_tokens_per_second_by_round"] = new JsonArray(two.RoundRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
        report.Metrics["one_process_rollout_seconds"] = Math.Round(one.Seconds, 3);
        report.Metrics["two_silos_rollout_seconds"] = Math.Round(two.Seconds, 3);
        report.Metrics["tokens_per_round"] = one.Tokens / rounds;
        report.Metrics["unfinished_samples_per_step_mean"] = Math.Round(two.UnfinishedMean, 2);
        report.Metrics["buffer_state_bytes_mean"] = Math.Round(two.StateBytesMean);
        report.Metrics["redis_buffer_writes"] = two.StorageWrites;
        report.Metrics["redis_buffer_write_seconds"] = Math.Round(two.StorageSeconds, 4);
        report.Metrics["checkpoint_save_restore_seconds"] = Math.Round(two.CheckpointSeconds, 4);
        report.Metrics["carry_over_overhead"] = Math.Round((two.StorageSeconds + two.CheckpointSeconds) / two.Seconds, 4);
        return report;
    }

    /// <summary>One system's job: its rollout, prompts topped up as the pipeline does, and what its steps measured.</summary>
    sealed class Rollouts(SegmentRollout rollout, IRolloutBufferGrain buffer, Serializer serializer, LogNormalLengths lengths,
        Func<TimeSpan> processorTime)
    {
        public List<double> RoundRates { get; } = [];
        public double CpuSeconds { get; private set; }
        long _step;
        int _prompt;
        int _measured;
        double _unfinished, _stateBytes;

        public double Seconds { get; private set; }
        public long Tokens { get; private set; }
        public double StorageSeconds { get; private set; }
        public long StorageWrites { get; private set; }
        public double CheckpointSeconds { get; private set; }
        public double TokensPerSecond => Tokens / Seconds;
        public double UnfinishedMean => _unfinished / _measured;
        public double StateBytesMean => _stateBytes / _measured;

        public static async Task<Rollouts> StartAsync(PostTrainHost host, string job, CausalLanguageModel model,
            RolloutSettings settings, (double Median, double Sigma, int Cap) lengths, Func<TimeSpan> processorTime)
        {
            var (rollout, _) = await BenchRollouts.StartJobAsync(host, job, model, settings);
            return new Rollouts(rollout, host.Grains.GetGrain<IRolloutBufferGrain>(job), host.Services.GetRequiredService<Serializer>(),
                new LogNormalLengths(lengths.Median, lengths.Sigma, lengths.Cap, seed: 5), processorTime);
        }

        public async Task StepAsync(StorageTimer? storage, bool measure = false)
        {
            var snapshot = await rollout.SnapshotAsync();
            var wanted = rollout.Settings.ActiveSamples / rollout.Settings.GroupSize;
            if (snapshot.WaitingPrompts < wanted)
                await rollout.AddPromptsAsync(Enumerable.Range(0, wanted - snapshot.WaitingPrompts).Select(_ =>
                    BenchRollouts.Prompt(_prompt++, Enumerable.Range(0, rollout.Settings.GroupSize).Select(_ => lengths.Next()).ToArray())).ToList());
            var before = storage?.Totals();
            var cpu = processorTime();
            var watch = Stopwatch.StartNew();
            RolloutStepResult result = await rollout.RunStepAsync(_step++);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (processorTime() - cpu).TotalSeconds;
            var after = storage?.Totals();
            if (!measure) return;
            Seconds += seconds;
            CpuSeconds += cpuSeconds;
            Tokens += result.BusySlotSteps;
            _measured++;
            _unfinished += (await rollout.SnapshotAsync()).UnfinishedSamples;
            if (before is { } b && after is { } a)
            {
                StorageSeconds += a.ReadSeconds - b.ReadSeconds + a.WriteSeconds - b.WriteSeconds;
                StorageWrites += a.Writes - b.Writes;
                // What a checkpoint and a resume do with the unfinished samples: export and serialise, then read back and import.
                var checkpoint = Stopwatch.StartNew();
                var bytes = serializer.SerializeToArray(await buffer.ExportAsync());
                await buffer.ImportAsync(serializer.Deserialize<RolloutBufferState>(bytes)!);
                CheckpointSeconds += checkpoint.Elapsed.TotalSeconds;
                _stateBytes += bytes.Length;
            }
        }
    }
}
