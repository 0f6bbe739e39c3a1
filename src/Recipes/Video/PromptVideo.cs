using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Video;

/// <summary>A prompt's video and the positions [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) its frame tokens take.</summary>
public sealed record PromptVideo(VideoClip Clip, string ContentHash, int Start, int Count);
