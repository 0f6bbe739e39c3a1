using System.Diagnostics;
using System.Text.Json.Nodes;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Hosting;
using PostTrain.Actors.Policy;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Video;

namespace PostTrain.Cli.Bench;

/// <summary>
/// MR-SP's embedding cache against re-encoding at every use, on whole RL steps: G = 8 rollouts a prompt through the
/// grains (embeddings from the cache grain, or encoded for each sample), then one GRPO update with a KL reference
/// (the policy's and the reference's prefills take the embeddings from the cache, or encode again). Every step has
/// new prompts, so the cached path still encodes each video once. Response lengths are forced, so both paths decode
/// the same tokens whatever the weights.
/// </summary>
internal static class MrspBenchmark
{
    const string Preset = "mini";
    const int GroupSize = 8;

    public static BenchReport Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    static async Task<BenchReport> RunAsync(bool quick)
    {
        var (frames, imageSize, prompts, steps, rounds) = quick ? (4, 32, 1, 1, 1) : (64, 64, 2, 3, 2);
        var vision = new VisionConfig
        {
            ImageSize = imageSize, PatchSize = 8, HiddenSize = 128, NumLayers = 4, NumHeads = 4, IntermediateSize = 512, Pool = imageSize / 16,
            OutputSize = 128,
        };
        const int responseTokens = 24;
        var report = new BenchReport("mrsp");
        report.Config["preset"] = Preset;
        report.Config["group_size"] = GroupSize;
        report.Config["prompts_per_step"] = prompts;
        report.Config["steps_per_setting"] = steps;
        report.Config["rounds"] = rounds;
        report.Config["frames"] = frames;
        report.Config["vision"] = new JsonObject
        {
            ["image_size"] = vision.ImageSize, ["patch_size"] = vision.PatchSize, ["hidden_size"] = vision.HiddenSize,
            ["num_layers"] = vision.NumLayers, ["intermediate_size"] = vision.IntermediateSize, ["tokens_per_frame"] = vision.TokensPerFrame,
            ["video_tokens"] = vision.TokensFor(frames),
        };
        report.Config["response_tokens"] = responseTokens;
        report.Config["kl_beta"] = 0.01;

        var tokenizer = TokenizerFactory.Load("builtin");
        await using var host = await PostTrainHost.StartAsync();
        using var encoder = new VisionEncoder(vision, ModelPlacement.Cpu(), seed: 0);
        var videos = new VideoPrompts(encoder, tokenizer);
        var results = new Dictionary<bool, List<Measured>> { [true] = [], [false] = [] };
        var clipSeed = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var cached in new[] { true, false })
            {
                var job = $"mrsp-{(cached ? "cache" : "nocache")}-{round}";
                results[cached].Add(await MeasureAsync(host, job, videos, cached, prompts, steps, frames, responseTokens, () => clipSeed++));
            }
        }

        var cachedSeconds = results[true].Average(m => m.SecondsPerStep);
        var uncachedSeconds = results[false].Average(m => m.SecondsPerStep);
        var cachedEncodes = results[true].Average(m => m.EncodesPerPrompt);
        var uncachedEncodes = results[false].Average(m => m.EncodesPerPrompt);
        report.Metrics["encoder_calls_ratio"] = uncachedEncodes / cachedEncodes;
        report.Metrics["encodes_per_prompt_cached"] = cachedEncodes;
        report.Metrics["encodes_per_prompt_uncached"] = uncachedEncodes;
        report.Metrics["step_speedup"] = uncachedSeconds / cachedSeconds;
        report.Metrics["seconds_per_step_cached"] = cachedSeconds;
        report.Metrics["seconds_per_step_uncached"] = uncachedSeconds;
        report.Metrics["seconds_per_step_by_round_cached"] = new JsonArray(results[true].Select(m => (JsonNode)m.SecondsPerStep).ToArray());
        report.Metrics["seconds_per_step_by_round_uncached"] = new JsonArray(results[false].Select(m => (JsonNode)m.SecondsPerStep).ToArray());
        return report;
    }

    sealed record Measured(double SecondsPerStep, double EncodesPerPrompt);

    static async Task<Measured> MeasureAsync(PostTrainHost host, string job, VideoPrompts videos, bool cached, int prompts, int steps,
        int frames, int responseTokens, Func<int> nextClipSeed)
    {
        using var model = BenchRollouts.Model(Preset);
        using var reference = BenchRollouts.Model(Preset);
        var settings = new RolloutSettings
        {
            GroupSize = GroupSize, MaxResponseLength = responseTokens, Segments = 1, ActiveSamples = prompts * GroupSize, Workers = 1, Seed = 1,
            Sampling = new SamplingSpec { Temperature = 1.0 }, Rewards = { ["exact_match"] = 1.0 }, VideoCache = cached,
        };
        var (rollout, _) = await BenchRollouts.StartJobAsync(host, job, model, settings);
        var video = new VideoRollouts(host.Grains, job, videos, cached, referencePrefill: true);
        video.PublishEncoder();
        var trainer = new GrpoTrainer(model, reference, new GrpoTrainerOptions
        {
            GroupSize = GroupSize,
            Grpo = new GrpoOptions { Beta = 0.01 },
            Training = new TrainingOptions { TotalSteps = steps, Backward = new Learner.Backward.BackwardOptions { Mode = Learner.Backward.BackwardMode.Plain } },
        });

        var clock = new Stopwatch();
        var encodes = 0L;
        for (var step = 0; step < steps; step++)
        {
            var stepPrompts = Enumerable.Range(0, prompts).Select(i => VideoPrompt(videos, $"s{step}p{i}", frames, nextClipSeed())).ToList();
            await video.RegisterAsync(stepPrompts);
            await rollout.AddPromptsAsync(stepPrompts.Select(p => new RolloutPrompt
            {
                Id = p.Id, PromptIds = p.PromptIds, PromptText = p.PromptText, GroundTruth = "-",
                ForcedLengths = Enumerable.Repeat(responseTokens, GroupSize).ToArray(), Video = video.InputOf(p),
            }).ToList());
            var before = VideoEncoderCounters.Videos;
            clock.Start();
            var result = await rollout.RunStepAsync(step);
            var groups = result.Report.Groups;
            var embeddings = await video.ForLearnerAsync(groups);
            trainer.Step(GrpoBatch.Samples(groups, ImportanceSampling.Pois, videos: embeddings));
            clock.Stop();
            if (groups.Length != prompts) throw new InvalidOperationException($"step {step} finished {groups.Length} of {prompts} groups");
            encodes += VideoEncoderCounters.Videos - before;
        }
        return new Measured(clock.Elapsed.TotalSeconds / steps, (double)encodes / (steps * prompts));
    }

    static RlPrompt VideoPrompt(VideoPrompts videos, string id, int frames, int seed)
    {
        var size = videos.ImageSize;
        var bytes = new byte[frames * size * size * 3];
        new Random(seed).NextBytes(bytes);
        var clip = new VideoClip(frames, size, size, bytes);
        int[] ids = [.. videos.MarkerIds, .. Enumerable.Range(0, BenchRollouts.PromptTokens).Select(i => (seed * 31 + i * 7) % 256)];
        var (expanded, shown) = videos.Expand(ids, clip, id);
        return new RlPrompt(id, expanded, $"video question {id}", "-", new Dictionary<string, string>()) { Video = shown };
    }
}
