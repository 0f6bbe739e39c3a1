using System.Globalization;
using System.Text.RegularExpressions;

namespace PostTrain.Rewards.Verification;

/// <summary>
/// Turns a written answer into a number: integers, decimals, thousands separators, signs, fractions (<c>\frac</c>,
/// <c>\dfrac</c>, <c>a/b</c>), mixed numbers, percentages, square roots and multiples of pi, with LaTeX wrappers,
/// units and a leading "x =" removed. Returns null when the text is not a number.
/// </summary>
public static partial class MathExpression
{
    public static double? Evaluate(string answer, out bool isPercent)
    {
        var text = Normalise(answer, out isPercent);
        if (text.Length == 0) return null;
        var mixed = MixedNumber().Match(text);
        if (mixed.Success)
            text = $"({mixed.Groups[1].Value}+{mixed.Groups[2].Value}/{mixed.Groups[3].Value})";
        try
        {
            var parser = new Parser(text);
            var value = parser.ParseExpression();
            return parser.AtEnd && double.IsFinite(value) ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string Normalise(string answer, out bool isPercent)
    {
        var text = answer.Trim();
        foreach (var wrapper in new[] { "\\$", "$", "\\(", "\\)", "\\[", "\\]", "\\left", "\\right", "\\!", "\\,", "\\;", "\\ " })
            text = text.Replace(wrapper, wrapper == "\\ " || wrapper == "\\," || wrapper == "\\;" ? " " : "");
        text = TextCommand().Replace(text, " ");           // \text{cm}, \mbox{...}: units and words
        text = text.Replace("^\\circ", "").Replace("^{\\circ}", "").Replace("°", "");
        text = LeadingVariable().Replace(text, "");        // "x = 5"
        text = text.Replace("\\dfrac", "\\frac").Replace("\\tfrac", "\\frac").Replace("−", "-").Replace("\\cdot", "*").Replace("\\times", "*");
        isPercent = text.Contains('%');
        text = text.Replace("\\%", "").Replace("%", "");
        text = ThousandsSeparator().Replace(text, "");
        text = TrailingUnits().Replace(text, "");
        text = text.Trim().TrimEnd('.');
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    [GeneratedRegex(@"\\(?:text|textbf|mathrm|mbox)\{[^}]*\}")]
    private static partial Regex TextCommand();

    [GeneratedRegex(@"^\s*[a-zA-Z]\s*=\s*")]
    private static partial Regex LeadingVariable();

    [GeneratedRegex(@"(?<=\d),(?=\d{3}(?:\D|$))")]
    private static partial Regex ThousandsSeparator();

    [GeneratedRegex(@"(?<=[\d)}\s])\s*(?:[a-zA-Z]+(?:\^?\d)?|dollars?|degrees?)\s*$")]
    private static partial Regex TrailingUnits();

    [GeneratedRegex(@"^(-?\d+)\s+(\d+)\s*/\s*(\d+)$")]
    private static partial Regex MixedNumber();

    /// <summary>Recursive descent over + - * / ^, parentheses, braces, \frac, \sqrt, \pi and implicit products.</summary>
    sealed class Parser(string text)
    {
        int _at;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _at >= text.Length;
            }
        }

        public double ParseExpression()
        {
            var value = ParseTerm();
            while (true)
            {
                SkipSpaces();
                if (Accept('+')) value += ParseTerm();
                else if (Accept('-')) value -= ParseTerm();
                else return value;
            }
        }

        double ParseTerm()
        {
            var value = ParseFactor();
            while (true)
            {
                SkipSpaces();
                if (Accept('*')) value *= ParseFactor();
                else if (Accept('/')) value /= ParseFactor();
                else if (StartsFactor()) value *= ParseFactor(); // implicit product: 2\sqrt{3}, 3\pi, 2(1+x)
                else return value;
            }
        }

        double ParseFactor()
        {
            SkipSpaces();
            if (Accept('-')) return -ParseFactor();
            if (Accept('+')) return ParseFactor();
            var value = ParsePrimary();
            SkipSpaces();
            return Accept('^') ? System.Math.Pow(value, ParseFactor()) : value;
        }

        double ParsePrimary()
        {
            SkipSpaces();
            if (Accept('(')) return Closing(')', ParseExpression());
            if (Accept('{')) return Closing('}', ParseExpression());
            if (AcceptWord("\\frac")) return Group() / Group();
            if (AcceptWord("\\sqrt")) return System.Math.Sqrt(_at < text.Length && text[_at] == '{' ? Group() : ParsePrimary());
            if (AcceptWord("\\pi") || AcceptWord("pi") || AcceptWord("π")) return System.Math.PI;
            if (AcceptWord("sqrt")) return System.Math.Sqrt(ParsePrimary());
            return Number();
        }

        double Group()
        {
            SkipSpaces();
            if (!Accept('{'))
            {
                // \frac12 and \sqrt2: a single digit without braces.
                if (_at < text.Length && char.IsDigit(text[_at])) return text[_at++] - '0';
                throw new FormatException("expected {");
            }
            return Closing('}', ParseExpression());
        }

        double Number()
        {
            var start = _at;
            while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '.')) _at++;
            if (start == _at) throw new FormatException($"unexpected '{(start < text.Length ? text[start] : ' ')}'");
            return double.Parse(text[start.._at], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        double Closing(char close, double value)
        {
            SkipSpaces();
            if (!Accept(close)) throw new FormatException($"expected {close}");
            return value;
        }

        bool StartsFactor()
        {
            if (_at >= text.Length) return false;
            var c = text[_at];
            return c == '(' || c == '{' || c == '\\' || c == 'π' || char.IsDigit(c) || text[_at..].StartsWith("pi", StringComparison.Ordinal)
                   || text[_at..].StartsWith("sqrt", StringComparison.Ordinal);
        }

        bool Accept(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        bool AcceptWord(string word)
        {
            if (!text.AsSpan(_at).StartsWith(word, StringComparison.Ordinal)) return false;
            var end = _at + word.Length;
            if (word.StartsWith('\\') && end < text.Length && char.IsLetter(text[end])) return false; // \pi vs \pitchfork
            _at = end;
            return true;
        }

        void SkipSpaces()
        {
            while (_at < text.Length && text[_at] == ' ') _at++;
        }
    }
}
