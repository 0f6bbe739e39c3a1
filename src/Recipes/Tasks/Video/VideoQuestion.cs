using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Tasks.Video;

/// <summary>A clip, a question about it, its one-word answer, and the question's kind (direction, colour, count).</summary>
public sealed record VideoQuestion(VideoClip Clip, string Question, string Answer, string Kind);
