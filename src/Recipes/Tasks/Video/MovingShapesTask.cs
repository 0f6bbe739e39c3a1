namespace PostTrain.Recipes.Tasks.Video;

/// <summary>
/// <c>moving_shapes</c>: a question about a short synthetic video of moving shapes (which way one moves, what colour
/// it is, how many there are), answered think-then-answer as MR-SP's video questions are; the ground truth is the
/// one-word answer (<c>answer_match</c>) and the format <c>think_answer_format</c>. The prompt opens with
/// <see cref="VideoMarker"/>, where the clip's frame tokens go.
/// </summary>
/// <param name="questions">The kinds of question, comma-separated (see <see cref="MovingShapesQuestions.AllKinds"/>).</param>
/// <param name="unmarkedAnswers">
/// The share of worked answers that give the answer after the reasoning without its <c>&lt;answer&gt;</c> tags
/// (<c>&lt;think&gt;red moves left. so left&lt;/think&gt;left</c>), as demonstrations from mixed sources do; the rewards, which need
/// the tags, train the habit away.
/// </param>
public sealed class MovingShapesTask(int frames = 8, int imageSize = 32, string questions = "direction,colour,count", double unmarkedAnswers = 0)
    : IBuiltinTask
{
    public const string VideoMarker = "<video>";

    readonly MovingShapesQuestions _questions = new(frames, imageSize,
        questions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    readonly double _unmarkedAnswers = unmarkedAnswers is >= 0 and <= 1
        ? unmarkedAnswers
        : throw new ArgumentOutOfRangeException(nameof(unmarkedAnswers), $"unmarked_answers must be in [0, 1], got {unmarkedAnswers}");

    public string Name => "moving_shapes";

    public TaskProblem Next(Random random)
    {
        var question = _questions.Next(random);
        var prompt = $"{VideoMarker}\n{question.Question}";
        var answer = _unmarkedAnswers > 0 && random.NextDouble() < _unmarkedAnswers ? question.Answer : $"<answer>{question.Answer}</answer>";
        return new TaskProblem($"moving_shapes:{question.Clip.ContentHash[..16]}:{question.Kind}", prompt, question.Answer,
            $"<think>{Reasoning(question)}</think>{answer}")
        {
            Video = question.Clip,
            Metadata = new Dictionary<string, string> { ["kind"] = question.Kind },
        };
    }

    // The worked answer first says what every shape does, as a caption would, then concludes: each shape's colour and
    // direction is a token the frames decide, several times the teaching signal of the answer alone.
    static string Reasoning(VideoQuestion question) =>
        $"{string.Join(", ", question.Shapes.Select(Describe))}. so {question.Answer}";

    static string Describe(MovingShape shape) => $"{shape.Colour.Name} moves {shape.Direction.ToString().ToLowerInvariant()}";
}
