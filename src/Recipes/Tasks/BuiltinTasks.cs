using PostTrain.Recipes.Binding;

namespace PostTrain.Recipes.Tasks;

/// <summary>The built-in tasks by name, and deterministic problem sets drawn from them.</summary>
public static class BuiltinTasks
{
    /// <summary>A built-in task with its default settings.</summary>
    public static IBuiltinTask Get(string name) => For(new DataSource(Path: null, name, Count: 0, Seed: 0));

    /// <summary>
    /// The task a data source names, with the source's settings (arithmetic, writing, chain of thought, video);
    /// <paramref name="imageSize"/> is a video task's frame side (the vision encoder's image size).
    /// </summary>
    public static IBuiltinTask For(DataSource source, int imageSize = 32) => source.Task switch
    {
        "arithmetic" => new ArithmeticTask(source.MaxOperand ?? ArithmeticTask.DefaultMaxOperand, source.Operations, source.UnmarkedAnswers),
        "countdown" => new CountdownTask(),
        "long_writing" => new LongWritingTask(source.MinWords, source.MaxWords),
        "long_writing_think" => new ThinkWritingTask(source.MinWords, source.MaxWords),
        "long_cot" => new LongCotTask(source.MinOperations ?? LongCotTask.DefaultMinOperations, source.MaxOperations ?? LongCotTask.DefaultMaxOperations,
            source.MaxValue ?? LongCotTask.DefaultMaxValue, source.MaxOperand ?? LongCotTask.DefaultMaxOperand,
            source.CheckProbability ?? LongCotTask.DefaultCheckProbability, source.BacktrackProbability ?? LongCotTask.DefaultBacktrackProbability),
        "short_cot" => LongCotTask.Short(source.MinOperations ?? LongCotTask.DefaultMinOperations, source.MaxOperations ?? LongCotTask.DefaultMaxOperations,
            source.MaxValue ?? LongCotTask.DefaultMaxValue, source.MaxOperand ?? LongCotTask.DefaultMaxOperand,
            source.CheckProbability ?? 0, source.BacktrackProbability ?? 0),
        "moving_shapes" => new Video.MovingShapesTask(source.Frames, imageSize, source.Questions, source.UnmarkedAnswers),
        _ => throw new ArgumentException($"unknown built-in task '{source.Task}'; expected one of arithmetic, countdown, long_writing, long_writing_think, long_cot, short_cot, moving_shapes"),
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
