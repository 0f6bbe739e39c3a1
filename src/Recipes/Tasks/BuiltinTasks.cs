namespace PostTrain.Recipes.Tasks;

/// <summary>The built-in tasks by name, and deterministic problem sets drawn from them.</summary>
public static class BuiltinTasks
{
    /// <param name="maxOperand">Arithmetic: operands are below this.</param>
    /// <param name="operations">Arithmetic: which of + - * the problems use.</param>
    /// <param name="unmarkedAnswers">Arithmetic: share of worked solutions that do not mark their answer.</param>
    /// <param name="minWords">Writing tasks: the shortest target length.</param>
    /// <param name="maxWords">Writing tasks: the longest target length.</param>
    /// <param name="frames">Video tasks: frames per clip.</param>
    /// <param name="imageSize">Video tasks: the frames' side in pixels (the vision encoder's image size).</param>
    /// <param name="questions">Video tasks: the kinds of question, comma-separated.</param>
    public static IBuiltinTask Get(string name, int maxOperand = 50, string operations = ArithmeticTask.AllOperations, double unmarkedAnswers = 0,
        int minWords = 40, int maxWords = 400, int frames = 8, int imageSize = 32, string questions = "direction,colour,count") => name switch
    {
        "arithmetic" => new ArithmeticTask(maxOperand, operations, unmarkedAnswers),
        "countdown" => new CountdownTask(),
        "long_writing" => new LongWritingTask(minWords, maxWords),
        "long_writing_think" => new ThinkWritingTask(minWords, maxWords),
        "long_cot" => new LongCotTask(),
        "short_cot" => LongCotTask.Short(),
        "moving_shapes" => new Video.MovingShapesTask(frames, imageSize, questions),
        _ => throw new ArgumentException($"unknown built-in task '{name}'; expected one of arithmetic, countdown, long_writing, long_writing_think, long_cot, short_cot, moving_shapes"),
    };

    /// <summary>
    /// <paramref name="count"/> distinct problems from <paramref name="seed"/>, none of them in <paramref name="exclude"/>
    /// (a held-out set passes the training set's ids, so the two never overlap).
    /// </summary>
    public static IReadOnlyList<TaskProblem> Generate(IBuiltinTask task, int count, int seed, IReadOnlySet<string>? exclude = null)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"count must be >= 0, got {count}");
        var random = new Random(seed);
        var seen = new HashSet<string>(exclude ?? new HashSet<string>());
        var problems = new List<TaskProblem>(count);
        for (var attempts = 0; problems.Count < count; attempts++)
        {
            if (attempts > 100 * (count + 10))
                throw new InvalidOperationException($"task '{task.Name}' ran out of distinct problems after {problems.Count} of {count}");
            var problem = task.Next(random);
            if (seen.Add(problem.Id)) problems.Add(problem);
        }
        return problems;
    }

    /// <summary>Whether two tasks pose the same problems (with the same ids), so that a held-out set of one must exclude the other's.</summary>
    public static bool SameProblems(string a, string b) => Family(a) == Family(b);

    static string Family(string task) => task == "short_cot" ? "long_cot" : task;
}
