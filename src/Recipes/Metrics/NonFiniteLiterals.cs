using System.Text;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Python's <c>json.dumps</c> writes NaN and infinities as the bare words <c>NaN</c>, <c>Infinity</c> and
/// <c>-Infinity</c>, which are not JSON. This turns each such word outside a string into <c>null</c>, so that a line
/// holding one parses and the value is skipped like any other missing metric.
/// </summary>
internal static class NonFiniteLiterals
{
    static readonly string[] Words = ["-Infinity", "Infinity", "NaN"];

    public static string ToNull(string json)
    {
        if (!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal))
            return json;
        var result = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < json.Length) result.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            var word = Words.FirstOrDefault(w => string.CompareOrdinal(json, i, w, 0, w.Length) == 0);
            if (word is null)
            {
                result.Append(c);
                continue;
            }
            result.Append("null");
            i += word.Length - 1;
        }
        return result.ToString();
    }
}
