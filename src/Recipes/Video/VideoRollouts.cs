using PostTrain.Actors.Contracts;
using PostTrain.Actors.Policy;
using PostTrain.Learner.Batches;
using PostTrain.Recipes.Pipelines;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Video;

/// <summary>
/// MR-SP in a GRPO run: the frozen vision encoder is published to the job's frame encoders, each prompt's frames are
/// registered with its embedding-cache grain before the prompt enters the buffer, and the learner takes each group's
/// embeddings from the same cache the workers used. With the cache off (<c>rollout.video_cache: false</c>) every use
/// encodes again: each rollout, the policy's prefill and the reference's prefill (G + 2 encodes a prompt a step).
/// </summary>
public sealed class VideoRollouts(IGrainFactory grains, string jobId, VideoPrompts videos, bool cached, bool referencePrefill)
{
    readonly HashSet<string> _registered = [];
    long _encoderVersion;

    /// <summary>Publishes the encoder's current weights; prompts taken afterwards are embedded with them.</summary>
    public void PublishEncoder() => _encoderVersion = VisionEncoderRegistry.PublishNext(jobId, videos.Encoder);

    public VideoInput? InputOf(RlPrompt prompt) => prompt.Video is { } video
        ? new VideoInput { ContentHash = video.ContentHash, EncoderVersion = _encoderVersion, Start = video.Start, Count = video.Count, Cached = cached }
        : null;

    /// <summary>Stores the frames of the prompts' videos with their cache grains (once a video).</summary>
    public async Task RegisterAsync(IReadOnlyList<RlPrompt> prompts)
    {
        foreach (var video in prompts.Select(p => p.Video).OfType<PromptVideo>())
            if (_registered.Add(video.ContentHash))
                await Grain(video.ContentHash).RegisterAsync(VideoFrames.From(video.Clip, videos.Encoder.Config.TemporalPatchSize));
    }

    /// <summary>Each video group's prompt embeddings, by prompt id, for the learner's prefills.</summary>
    public async Task<IReadOnlyDictionary<string, PromptEmbedding>> ForLearnerAsync(IReadOnlyList<TrainingGroup> groups)
    {
        var embeddings = new Dictionary<string, PromptEmbedding>();
        foreach (var group in groups)
        {
            if (group.Prompt.Video is not { } input) continue;
            var grain = Grain(input.ContentHash);
            VideoEmbeddings served;
            if (input.Cached) served = await grain.GetAsync(input.EncoderVersion);
            else
            {
                // No cache: the policy's prefill encodes, and so does the reference's (identical values).
                served = await grain.EncodeUncachedAsync(input.EncoderVersion);
                if (referencePrefill) served = await grain.EncodeUncachedAsync(input.EncoderVersion);
            }
            embeddings[group.Prompt.Id] = PromptEmbedding.Of(input.Start, tensor(served.Values, [served.Tokens, served.Hidden]));
        }
        return embeddings;
    }

    IVideoEmbeddingGrain Grain(string contentHash) => grains.GetGrain<IVideoEmbeddingGrain>(VideoKeys.Of(jobId, contentHash));
}
