using PostTrain.Actors.Contracts;
using PostTrain.Actors.Controller;
using PostTrain.Actors.Policy;
using PostTrain.Actors.Segments;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Rollout.Engine;
using static TorchSharp.torch;

namespace PostTrain.Actors.Tests;

/// <summary>MR-SP's embedding cache on two silos: encode once, serve every use, miss on a new encoder version.</summary>
[Collection(ClusterCollection.Name)]
public sealed class VideoCacheTests(ClusterFixture fixture)
{
    static readonly VisionConfig Config = new() { OutputSize = 64 };

    static VideoClip Clip(int frames, int seed)
    {
        var bytes = new byte[frames * 32 * 32 * 3];
        new Random(seed).NextBytes(bytes);
        return new VideoClip(frames, 32, 32, bytes);
    }

    static float[] EncodedDirectly(VisionEncoder encoder, VideoClip clip)
    {
        using var noGrad = no_grad();
        using var pixels = FramePreprocessor.ToPixels(clip, encoder.Config);
        using var tokens = encoder.Encode(pixels);
        return tokens.data<float>().ToArray();
    }

    async Task<(string Job, IVideoEmbeddingGrain Grain, VideoClip Clip, VisionEncoder Encoder)> RegisteredAsync(int frames = 5)
    {
        var job = "video-" + Guid.NewGuid().ToString("N");
        var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 1);
        VisionEncoderRegistry.Publish(job, 1, encoder);
        var clip = Clip(frames, seed: 7);
        var grain = fixture.Cluster.Client.GetGrain<IVideoEmbeddingGrain>(VideoKeys.Of(job, clip.ContentHash));
        await grain.RegisterAsync(VideoFrames.From(clip));
        return (job, grain, clip, encoder);
    }

    [Fact]
    public async Task CachedEmbeddingsAreBitIdenticalToFreshlyComputedOnesAndEncodedOnce()
    {
        var (_, grain, clip, encoder) = await RegisteredAsync();

        var first = await grain.GetAsync(1);
        var again = await grain.GetAsync(1);

        // The grain encodes in two frame shards (3 + 2 frames); the reference encodes the clip whole.
        Assert.Equal(EncodedDirectly(encoder, clip), first.Values);
        Assert.Equal((5 * Config.TokensPerFrame, 64), (first.Tokens, first.Hidden));
        Assert.Equal(first.Values, again.Values);
        Assert.Equal(new VideoCacheCounters { Hits = 1, Encodes = 1 }, await grain.CountersAsync());
    }

    [Fact]
    public async Task ANewEncoderVersionMissesTheCacheAndReplacesIt()
    {
        var (job, grain, clip, _) = await RegisteredAsync();
        var changed = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 2);
        VisionEncoderRegistry.Publish(job, 2, changed);

        var old = await grain.GetAsync(1);
        var updated = await grain.GetAsync(2);
        var oldAgain = await grain.GetAsync(1);

        Assert.Equal(EncodedDirectly(changed, clip), updated.Values);
        Assert.NotEqual(old.Values, updated.Values);
        Assert.Equal(old.Values, oldAgain.Values);
        Assert.Equal(new VideoCacheCounters { Hits = 0, Encodes = 3 }, await grain.CountersAsync());
    }

    [Fact]
    public async Task TheFramesSurviveTheGrainsDeactivation()
    {
        var (_, grain, _, _) = await RegisteredAsync();
        var before = await grain.GetAsync(1);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        Assert.True(await grain.IsRegisteredAsync());
        Assert.Equal(before.Values, (await grain.GetAsync(1)).Values);
    }

    [Fact]
    public async Task FramesWhoseHashIsNotTheKeysAreRefused()
    {
        var (job, _, _, _) = await RegisteredAsync();
        var grain = fixture.Cluster.Client.GetGrain<IVideoEmbeddingGrain>(VideoKeys.Of(job, Clip(2, seed: 1).ContentHash));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterAsync(VideoFrames.From(Clip(2, seed: 2))));
        Assert.Contains("cannot be registered", error.Message);
    }

    [Theory]
    [InlineData(8, 3, 1, new[] { 3, 3, 2 })]
    [InlineData(2, 4, 1, new[] { 1, 1 })]
    [InlineData(5, 1, 1, new[] { 5 })]
    [InlineData(8, 3, 2, new[] { 4, 2, 2 })]
    [InlineData(6, 2, 3, new[] { 3, 3 })]
    [InlineData(4, 4, 2, new[] { 2, 2 })]
    public void FrameShardsAreContiguousInOrderAndKeepGroupsWhole(int frames, int shards, int group, int[] sizes)
    {
        var clip = Clip(frames, seed: 3);

        var split = FrameShards.Split(VideoFrames.From(clip, group), shards);

        Assert.Equal(sizes, split.Select(s => s.Frames));
        Assert.Equal(clip.Rgb, split.SelectMany(s => s.Rgb));
    }

    [Fact]
    public async Task WorkersDecodeVideoPromptsWithTheCachedEmbeddings()
    {
        var (job, grain, clip, encoder) = await RegisteredAsync(frames: 2);
        using var model = TinyModels.Create();
        var publisher = new PolicyPublisher(fixture.Cluster.Client, job);
        await publisher.PublishAsync(model, 0);
        var settings = new RolloutSettings
        {
            GroupSize = 3, MaxResponseLength = 12, Segments = 2, ActiveSamples = 3, Workers = 2, Seed = 5,
            Sampling = new SamplingSpec { Temperature = 0.9 }, Rewards = { ["exact_match"] = 1.0 },
        };
        var rollout = new SegmentRollout(fixture.Cluster.Client, job, settings, TokenizerFactory.Load("builtin"), publisher);
        await rollout.InitializeAsync();
        var tokens = 2 * Config.TokensPerFrame;
        var prompt = TinyModels.Prompt("v", 1) with
        {
            PromptIds = [1, 2, .. Enumerable.Repeat(259, tokens), 3, 4],
            Video = new VideoInput { ContentHash = clip.ContentHash, EncoderVersion = 1, Start = 2, Count = tokens },
        };
        await rollout.AddPromptsAsync([prompt]);

        TrainingGroup? group = null;
        for (var step = 0; group is null && step < 4; step++) group = (await rollout.RunStepAsync(step)).Report.Groups.FirstOrDefault();

        Assert.NotNull(group);
        var embeddings = new EmbeddingSpan(2, tokens, EncodedDirectly(encoder, clip));
        using var engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = 1 });
        for (var member = 0; member < 3; member++)
        {
            var seed = RolloutLedger.SampleSeed(settings.Seed, prompt.Id, member);
            var request = new GenerationRequest("x", prompt.PromptIds, settings.Sampling.ToParameters(12, seed)) { PromptEmbeddings = [embeddings] };
            Assert.Equal(engine.Generate([request])[0].GeneratedIds, group.Samples[member].CompletionIds);
        }
        var withoutVideo = TinyModels.Uninterrupted(model, settings, prompt with { Video = null }, 0).GeneratedIds;
        Assert.NotEqual(withoutVideo, group.Samples[0].CompletionIds);
        // Two steps of three samples: encoded once, every other use a hit.
        Assert.Equal(1, (await grain.CountersAsync()).Encodes);
    }
}
