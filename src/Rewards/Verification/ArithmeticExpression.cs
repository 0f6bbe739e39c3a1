namespace PostTrain.Rewards.Verification;

/// <summary>
/// Evaluates an expression of integers, + - * /, and parentheses exactly (as a fraction), and lists the integers it
/// uses. Anything else (other characters, division by zero, overflow) is rejected with a reason.
/// </summary>
public static class ArithmeticExpression
{
    public sealed record Result(long Numerator, long Denominator, IReadOnlyList<long> Numbers);

    public static Result? TryEvaluate(string text, out string? error)
    {
        var parser = new Parser(text.Replace("\\times", "*").Replace("×", "*").Replace("\\div", "/").Replace("÷", "/"));
        try
        {
            var (numerator, denominator) = parser.Sum();
            parser.SkipSpaces();
            if (!parser.AtEnd) throw new FormatException($"unexpected '{parser.Rest}'");
            error = null;
            return new Result(numerator, denominator, parser.Numbers);
        }
        catch (Exception e) when (e is FormatException or DivideByZeroException or OverflowException)
        {
            error = e.Message;
            return null;
        }
    }

    sealed class Parser(string text)
    {
        int _position;

        public List<long> Numbers { get; } = [];
        public bool AtEnd => _position >= text.Length;
        public string Rest => text[_position..];

        public (long, long) Sum()
        {
            var value = Product();
            while (Accept('+') || Accept('-'))
            {
                var sign = text[_position - 1] == '+' ? 1 : -1;
                var (n, d) = Product();
                value = Normalise(checked(value.Item1 * d + sign * n * value.Item2), checked(value.Item2 * d));
            }
            return value;
        }

        (long, long) Product()
        {
            var value = Atom();
            while (Accept('*') || Accept('/'))
            {
                var divide = text[_position - 1] == '/';
                var (n, d) = Atom();
                if (divide && n == 0) throw new DivideByZeroException("division by zero");
                value = divide
                    ? Normalise(checked(value.Item1 * d), checked(value.Item2 * n))
                    : Normalise(checked(value.Item1 * n), checked(value.Item2 * d));
            }
            return value;
        }

        (long, long) Atom()
        {
            SkipSpaces();
            if (Accept('('))
            {
                var inner = Sum();
                if (!Accept(')')) throw new FormatException("missing ')'");
                return inner;
            }
            var start = _position;
            while (!AtEnd && char.IsAsciiDigit(text[_position])) _position++;
            if (start == _position) throw new FormatException(AtEnd ? "expression ends early" : $"unexpected '{text[_position]}'");
            var number = long.Parse(text[start.._position], System.Globalization.CultureInfo.InvariantCulture);
            Numbers.Add(number);
            return (number, 1);
        }

        bool Accept(char c)
        {
            SkipSpaces();
            if (AtEnd || text[_position] != c) return false;
            _position++;
            return true;
        }

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position])) _position++;
        }

        static (long, long) Normalise(long numerator, long denominator)
        {
            if (denominator < 0) (numerator, denominator) = (-numerator, -denominator);
            var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(numerator, denominator);
            return gcd == 0 ? (numerator, denominator) : (numerator / gcd, denominator / gcd);
        }
    }
}
