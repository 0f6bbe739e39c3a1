using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Tasks.Video;

/// <summary>
/// A clip, a question about it, its one-word answer, the question's kind (direction, colour, count), and the shapes
/// the clip shows (the asked-about shape first).
/// </summary>
public sealed record VideoQuestion(VideoClip Clip, string Question, string Answer, string Kind, IReadOnlyList<MovingShape> Shapes);
