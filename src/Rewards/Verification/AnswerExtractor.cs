using System.Text.RegularExpressions;

namespace PostTrain.Rewards.Verification;

/// <summary>The final answer of a solution: the last <c>\boxed{...}</c>, else the last answer block, else "the answer is ...".</summary>
public static partial class AnswerExtractor
{
    public static string? Extract(string text)
    {
        var boxed = LastBoxed(text);
        if (boxed is not null) return boxed.Trim();
        var blocks = AnswerBlock().Matches(text);
        if (blocks.Count > 0) return blocks[^1].Groups[1].Value.Trim();
        var phrases = AnswerPhrase().Matches(text);
        return phrases.Count > 0 ? phrases[^1].Groups[1].Value.Trim().TrimEnd('.') : null;
    }

    // \boxed{...} with nested braces, e.g. \boxed{\frac{1}{2}}.
    static string? LastBoxed(string text)
    {
        var start = Math.Max(text.LastIndexOf("\\boxed{", StringComparison.Ordinal), text.LastIndexOf("\\fbox{", StringComparison.Ordinal));
        if (start < 0) return null;
        var open = text.IndexOf('{', start);
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[(open + 1)..i];
        }
        return null;
    }

    [GeneratedRegex(@"<answer>(.*?)</answer>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex AnswerBlock();

    [GeneratedRegex(@"the (?:final )?answer is[:\s]*([^\n]+?)(?:\.\s|\.$|$|\n)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex AnswerPhrase();
}
