using PostTrain.Learner.Batches;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Tasks.Video;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Video;

/// <summary>
/// Video prompts for a policy with a vision encoder: the prompt's video marker becomes one placeholder token per frame
/// token (frames / temporal patch × tokens per frame), whose embeddings the encoder's output replaces.
/// </summary>
public sealed class VideoPrompts(VisionEncoder encoder, ITextTokenizer tokenizer)
{
    readonly int[] _marker = [.. tokenizer.Encode(MovingShapesTask.VideoMarker)];
    readonly int _placeholder = tokenizer.PadTokenId ?? tokenizer.EosTokenId ?? 0;

    public VisionEncoder Encoder => encoder;

    /// <summary>The tokens of the video marker, as a prompt holds them before <see cref="Expand"/>.</summary>
    public IReadOnlyList<int> MarkerIds => _marker;
    public int ImageSize => encoder.Config.ImageSize;

    /// <summary>The prompt with its marker expanded into the clip's placeholder tokens, and where they are.</summary>
    public (int[] PromptIds, PromptVideo Video) Expand(int[] promptIds, VideoClip clip, string promptName)
    {
        var at = IndexOf(promptIds, _marker);
        if (at < 0)
            throw new ArgumentException($"{promptName} has a video but its prompt holds no {MovingShapesTask.VideoMarker} marker where the frames go");
        if (clip.Height != ImageSize || clip.Width != ImageSize)
            throw new ArgumentException($"{promptName}: its video is {clip.Width}x{clip.Height}, the vision encoder takes {ImageSize}x{ImageSize}");
        if (clip.Frames % encoder.Config.TemporalPatchSize != 0)
            throw new ArgumentException($"{promptName}: its video has {clip.Frames} frames, not a multiple of the vision encoder's temporal_patch_size ({encoder.Config.TemporalPatchSize})");
        var count = encoder.Config.TokensFor(clip.Frames);
        int[] ids = [.. promptIds[..at], .. Enumerable.Repeat(_placeholder, count), .. promptIds[(at + _marker.Length)..]];
        return (ids, new PromptVideo(clip, clip.ContentHash, at, count));
    }

    /// <summary>Frame tokens [count, hidden], through the encoder as it is now: with gradient when it trains.</summary>
    public Tensor Embed(VideoClip clip)
    {
        using var scope = NewDisposeScope();
        using var pixels = FramePreprocessor.ToPixels(clip, encoder.Config, encoder.Placement.Device);
        return encoder.Encode(pixels).MoveToOuterDisposeScope();
    }

    /// <summary>A prompt embedding that runs the encoder when its batch is built (an SFT step trains the encoder through it).</summary>
    public PromptEmbedding Trained(PromptVideo video) => new(video.Start, video.Count, () => Embed(video.Clip));

    static int IndexOf(int[] ids, int[] pattern)
    {
        for (var i = 0; i + pattern.Length <= ids.Length; i++)
            if (ids.AsSpan(i, pattern.Length).SequenceEqual(pattern)) return i;
        return -1;
    }
}
