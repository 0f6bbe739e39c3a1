using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PostTrain.Modeling.Checkpoints;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Self-Lengthen's product: the lengthened answers as a length-constrained data set, one JSON object a line:
/// <c>instruction</c> (asking for about the answer's length), <c>response</c>, <c>word_count</c>, and where it came
/// from (<c>source_instruction</c>, <c>iteration</c>). "About L" is rounded so that the answer lies in LonGen's window
/// for it, [0.8 L, 1.2 L].
/// </summary>
public static partial class FinalDataset
{
    public const string FileName = "final_dataset.jsonl";

    public static void Write(string path, IReadOnlyList<(int Iteration, LengthSample Sample)> samples)
    {
        var lines = samples.Select(s => new JsonObject
        {
            ["instruction"] = Constrained(s.Sample.Instruction, s.Sample.ExtendedWords),
            ["response"] = s.Sample.Extended,
            ["word_count"] = s.Sample.ExtendedWords,
            ["source_instruction"] = s.Sample.Instruction,
            ["iteration"] = s.Iteration,
        }.ToJsonString());
        AtomicFile.WriteText(path, string.Concat(lines.Select(l => l + "\n")));
    }

    /// <summary>The instruction with its length request (if any) replaced by "in about L words".</summary>
    public static string Constrained(string instruction, int words)
    {
        var about = $"in about {About(words)} words";
        var replaced = StatedRange().Replace(instruction, about, 1);
        return replaced != instruction ? replaced : $"{instruction.TrimEnd()} Write it {about}.";
    }

    /// <summary>The word count rounded to 5 (below 50) or 10, which stays within 20% of it from 8 words on.</summary>
    public static int About(int words) => words < 50 ? Math.Max(5, (int)Math.Round(words / 5.0) * 5) : (int)Math.Round(words / 10.0) * 10;

    [GeneratedRegex(@"in (?:about )?\d+(?: to \d+)? words")]
    private static partial Regex StatedRange();
}
