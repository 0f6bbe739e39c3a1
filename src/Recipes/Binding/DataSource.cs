namespace PostTrain.Recipes.Binding;

/// <summary>One data set: a file (full path) or a built-in task with its example count and seed.</summary>
public sealed record DataSource(string? Path, string? Task, int Count, int Seed)
{
    /// <summary>Arithmetic: operands are below this.</summary>
    public int MaxOperand { get; init; } = 50;

    /// <summary>Arithmetic: which of + - * the problems use.</summary>
    public string Operations { get; init; } = "+-*";

    /// <summary>Arithmetic: share of worked solutions that do not mark their answer.</summary>
    public double UnmarkedAnswers { get; init; }

    /// <summary>Writing tasks: the shortest target length in words.</summary>
    public int MinWords { get; init; } = 40;

    /// <summary>Writing tasks: the longest target length in words.</summary>
    public int MaxWords { get; init; } = 400;

    /// <summary>Video tasks: frames per clip.</summary>
    public int Frames { get; init; } = 8;

    /// <summary>Video tasks: which kinds of question (comma-separated: direction, colour, count).</summary>
    public string Questions { get; init; } = "direction,colour,count";
}
