namespace PostTrain.Recipes.Tasks;

/// <summary>
/// A worked solution as a chain of thought: its steps, one a line (computations, checks, corrections), and the final
/// line that states the answer in <c>\boxed{}</c>. The structure study shuffles, deletes and rewrites the steps and
/// leaves the answer line to <see cref="AnswerLine"/>.
/// </summary>
public sealed record CotTrace(IReadOnlyList<string> Steps, string AnswerLine)
{
    public const string BoxedOpening = "\\boxed{";

    /// <summary>Splits a solution into its step lines and its last line, which must hold the <c>\boxed{}</c> answer.</summary>
    public static CotTrace Parse(string solution)
    {
        var lines = solution.Split('\n');
        if (lines.Length < 2)
            throw new FormatException($"expected a chain of thought: step lines, then a line with the \\boxed{{}} answer; got one line: '{Shorten(solution)}'");
        if (!lines[^1].Contains(BoxedOpening, StringComparison.Ordinal))
            throw new FormatException($"expected the last line of a chain of thought to hold the \\boxed{{}} answer, got '{Shorten(lines[^1])}'");
        if (lines[..^1].Any(string.IsNullOrWhiteSpace))
            throw new FormatException($"expected one step a line with no blank lines, got a blank line in '{Shorten(solution)}'");
        return new CotTrace(lines[..^1], lines[^1]);
    }

    /// <summary>What is inside the answer line's <c>\boxed{}</c>.</summary>
    public string Answer
    {
        get
        {
            var (start, end) = AnswerSpan();
            return AnswerLine[start..end];
        }
    }

    /// <summary>The same trace with the boxed answer replaced and every other character kept.</summary>
    public CotTrace WithAnswer(string answer)
    {
        var (start, end) = AnswerSpan();
        return this with { AnswerLine = AnswerLine[..start] + answer + AnswerLine[end..] };
    }

    public override string ToString() => string.Join('\n', Steps.Append(AnswerLine));

    (int Start, int End) AnswerSpan()
    {
        var start = AnswerLine.LastIndexOf(BoxedOpening, StringComparison.Ordinal) + BoxedOpening.Length;
        var end = AnswerLine.IndexOf('}', start);
        if (start < BoxedOpening.Length || end < 0) throw new FormatException($"no closed \\boxed{{}} in '{AnswerLine}'");
        return (start, end);
    }

    static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
