using Microsoft.Extensions.Logging;
using PostTrain.Actors.Contracts;
using PostTrain.Actors.Placement;
using PostTrain.Actors.Policy;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Rollout.Engine;

namespace PostTrain.Actors.Grains;

/// <summary>
/// Decodes segments with its own engine (KV cache included) on the job's newest policy. Decoding runs on the thread
/// pool, off the grain scheduler, so the silo stays responsive while a long batch decodes. A job's workers are spread
/// over the silos that host them (<see cref="WorkerSpreadPlacement"/>).
/// </summary>
[WorkerSpreadPlacement]
public sealed partial class RolloutWorkerGrain(ILocalSiloDetails silo, ILogger<RolloutWorkerGrain> logger) : Grain, IRolloutWorkerGrain
{
    GenerationEngine? _engine;
    long _version = -1;

    string JobId
    {
        get
        {
            this.GetPrimaryKeyLong(out var job);
            return job ?? throw new InvalidOperationException("a rollout worker is keyed by (index, job id)");
        }
    }

    bool _shared;

    public Task<long> PolicyVersionAsync() => Task.FromResult(_version);

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<bool> SharesPublishedWeightsAsync() => Task.FromResult(_shared);

    public async Task<DecodeBatchResult> DecodeAsync(SegmentTask[] tasks, int batchSize, int? window = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size must be at least 1, got {batchSize}");
        var manifest = await GrainFactory.GetGrain<IPolicyStoreGrain>(JobId).CurrentAsync()
            ?? throw new PolicyUnavailableException($"job '{JobId}' has no published policy; publish one before rolling out");
        var capacity = tasks.Length == 0 ? 1 : tasks.Max(t => t.PromptIds.Length + t.MaxNewTokens);
        if (manifest.Version != _version || _engine is null || _engine.MaxBatchSize != batchSize || _engine.Capacity < capacity)
            await LoadAsync(manifest, batchSize, capacity);

        var engine = _engine!;
        var version = _version;
        var videos = await VideoEmbeddingsAsync(tasks);
        var requests = tasks.Select((t, i) => new GenerationRequest(t.SampleId, t.PromptIds, t.Sampling.ToParameters(t.MaxNewTokens, t.Seed))
        {
            PrefixIds = t.PrefixIds,
            Budget = t.Budget,
            PromptEmbeddings = videos[i] is { } video ? [new EmbeddingSpan(t.Video!.Start, t.Video.Count, video.Values)] : [],
        }).ToList();
        var worker = this.GetPrimaryKeyLong(out _);
        LogDecoding(worker, JobId, tasks.Length, version);
        var (results, statistics, generateSeconds) = await Task.Run(() =>
        {
            engine.Statistics.Reset();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var generated = engine.Generate(requests, window: window);
            return (generated, engine.Statistics, watch.Elapsed.TotalSeconds);
        });
        LogDecoded(worker, JobId, tasks.Length, statistics.DecodeSeconds + statistics.PrefillSeconds);
        return new DecodeBatchResult
        {
            Outcomes = tasks.Zip(results, (task, result) => new SegmentOutcome
            {
                SampleId = task.SampleId,
                SegmentIndex = task.SegmentIndex,
                PolicyVersion = version,
                TokenIds = result.GeneratedIds.ToArray(),
                LogProbs = result.PolicyLogProbs.ToArray(),
                Finish = result.FinishReason,
            }).ToArray(),
            PolicyVersion = version,
            SlotSteps = statistics.DecodeSteps * batchSize,
            BusySlotSteps = statistics.DecodedTokens,
            DecodeSeconds = statistics.DecodeSeconds,
            PrefillSeconds = statistics.PrefillSeconds,
            GenerateSeconds = generateSeconds,
            Silo = silo.SiloAddress.ToString(),
        };
    }

    // MR-SP: a cached video is fetched once per batch, and its embeddings shared by every sample that shows it;
    // without the cache, every sample's video is encoded again.
    async Task<VideoEmbeddings?[]> VideoEmbeddingsAsync(SegmentTask[] tasks)
    {
        var cached = new Dictionary<(string, long), Task<VideoEmbeddings>>();
        var fetches = tasks.Select(task =>
        {
            if (task.Video is not { } video) return Task.FromResult<VideoEmbeddings?>(null);
            var grain = GrainFactory.GetGrain<IVideoEmbeddingGrain>(VideoKeys.Of(JobId, video.ContentHash));
            var fetch = !video.Cached ? grain.EncodeUncachedAsync(video.EncoderVersion)
                : cached.TryGetValue((video.ContentHash, video.EncoderVersion), out var shared) ? shared
                : cached[(video.ContentHash, video.EncoderVersion)] = grain.GetAsync(video.EncoderVersion);
            return Checked(fetch, video, task.SampleId);
        }).ToArray();
        return await Task.WhenAll(fetches);
    }

    static async Task<VideoEmbeddings?> Checked(Task<VideoEmbeddings> fetch, VideoInput video, string sampleId)
    {
        var embeddings = await fetch;
        if (embeddings.Tokens != video.Count)
            throw new InvalidOperationException($"sample '{sampleId}': its prompt has {video.Count} video positions, the encoder gives {embeddings.Tokens} tokens");
        return embeddings;
    }

    async Task LoadAsync(PolicyManifest manifest, int batchSize, int capacity)
    {
        var config = DecoderConfigReader.Parse(manifest.ConfigJson, $"policy {manifest.Version} config");
        var shared = manifest.PublisherProcess == LocalPolicyRegistry.ProcessId ? LocalPolicyRegistry.TryGet(JobId, manifest.Version) : null;
        var weights = shared?.Tensors ?? await WeightChunks.JoinAsync(manifest,
            async index => (await GrainFactory.GetGrain<IPolicyStoreGrain>(JobId).GetChunkAsync(manifest.Version, index)).Value);
        await Task.Run(() =>
        {
            // The old model's parameters point at an older published snapshot: disposing them releases it (the
            // snapshot's own tensors are separate handles on the same storage, so other workers are unaffected).
            var old = _engine;
            _engine = null;
            old?.Dispose();
            old?.Model.Dispose();
            var model = new CausalLanguageModel(config, ModelPlacement.Cpu(TorchDTypeNames.Parse(config.TorchDtype, "config", "torch_dtype")));
            PolicyWeights.Share(model, weights);
            _engine = new GenerationEngine(model, new EngineOptions { MaxBatchSize = batchSize, MaxSequenceLength = RoundUp(capacity) });
        });
        _version = manifest.Version;
        _shared = shared is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Worker} of job '{Job}': decoding {Segments} segments on policy {Version}")]
    partial void LogDecoding(long worker, string job, int segments, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Worker} of job '{Job}': decoded {Segments} segments in {Seconds:0.00} s")]
    partial void LogDecoded(long worker, string job, int segments, double seconds);

    static int RoundUp(int tokens) => (tokens + 63) / 64 * 64;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _engine?.Dispose();
        _engine?.Model.Dispose();
        return Task.CompletedTask;
    }
}
