using System.Globalization;
using System.Text.RegularExpressions;

namespace PostTrain.Rewards.Length;

/// <summary>
/// The target range a prompt states in words, read as LonGen reads its requirements: "in 40 to 60 words" or
/// "between 40 and 60 words" is [40, 60]; "about 300 words" is [240, 360]; "at least 200 words" is [200, 300];
/// "at most 100 words" is [50, 100]; a bare "300 words" counts as "about".
/// </summary>
public static partial class LengthRequirement
{
    /// <summary>The range, or null when the prompt states none.</summary>
    public static LonGenWindow? Parse(string prompt)
    {
        if (Range().Match(prompt) is { Success: true } range)
        {
            var (a, b) = (Number(range.Groups["a"]), Number(range.Groups["b"]));
            return a > 0 && b >= a ? LonGenWindow.Range(a, b) : null;
        }
        if (Bounded().Match(prompt) is { Success: true } bounded)
        {
            var n = Number(bounded.Groups["n"]);
            if (n <= 0) return null;
            var word = bounded.Groups["bound"].Value.ToLowerInvariant();
            return word switch
            {
                _ when AtLeast.Any(word.StartsWith) => LonGenWindow.Above(n),
                _ when AtMost.Any(word.StartsWith) => LonGenWindow.Below(n),
                _ => LonGenWindow.About(n),
            };
        }
        return null;
    }

    static readonly string[] AtLeast = ["at least", "more than", "over", "no less than", "no fewer than", "minimum"];
    static readonly string[] AtMost = ["at most", "no more than", "under", "fewer than", "less than", "maximum", "up to", "within"];

    static double Number(Group group) => double.Parse(group.Value.Replace(",", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:between\s+)?(?<a>\d[\d,]*)\s*(?:-|–|to|and)\s*(?<b>\d[\d,]*)\s+words?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<bound>at least|more than|over|no less than|no fewer than|minimum of|at most|no more than|under|fewer than|less than|maximum of|up to|within|about|around|approximately|roughly)?\s*(?<n>\d[\d,]*)\s+words?\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Bounded();
}
