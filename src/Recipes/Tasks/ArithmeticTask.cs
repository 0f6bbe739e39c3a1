namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Two-number arithmetic (a + b, a - b, a x b, or a subset of the three) with operands below
/// <see cref="MaxOperand"/>: verifiable by <c>math_verify</c>, short enough for the small presets to learn on 2 cores.
/// The worked solution is the shortest one that still shows the sum: <c>12 + 5 = \boxed{17}</c>.
/// </summary>
public sealed class ArithmeticTask : IBuiltinTask
{
    public const string AllOperations = "+-*";

    public const int DefaultMaxOperand = 50;

    readonly char[] _operations;

    /// <param name="unmarkedAnswers">
    /// The share of worked solutions that state the result without marking it as the answer (<c>12 + 5 = 17</c>), as
    /// demonstrations gathered from mixed sources do: a habit a verifier, which needs a marked answer, trains away.
    /// </param>
    public ArithmeticTask(int maxOperand = DefaultMaxOperand, string operations = AllOperations, double unmarkedAnswers = 0)
    {
        if (!(unmarkedAnswers is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(unmarkedAnswers), $"unmarked_answers must be in [0, 1], got {unmarkedAnswers}");
        UnmarkedAnswers = unmarkedAnswers;
        if (maxOperand < 2) throw new ArgumentOutOfRangeException(nameof(maxOperand), $"max_operand must be at least 2, got {maxOperand}");
        if (operations.Length == 0 || operations.Any(c => !AllOperations.Contains(c)) || operations.Distinct().Count() != operations.Length)
            throw new ArgumentException($"operations must be distinct characters from '{AllOperations}', got '{operations}'", nameof(operations));
        MaxOperand = maxOperand;
        _operations = operations.ToCharArray();
    }

    public string Name => "arithmetic";
    public int MaxOperand { get; }
    public double UnmarkedAnswers { get; }

    public TaskProblem Next(Random random)
    {
        var (a, b) = (random.Next(MaxOperand), random.Next(MaxOperand));
        var symbol = _operations[random.Next(_operations.Length)];
        var result = symbol switch
        {
            '+' => a + b,
            '-' => a - b,
            _ => a * b,
        };
        var expression = $"{a} {symbol} {b}";
        var solution = UnmarkedAnswers > 0 && random.NextDouble() < UnmarkedAnswers ? $"{expression} = {result}" : $"{expression} = \\boxed{{{result}}}";
        return new TaskProblem($"arithmetic:{expression}", $"What is {expression}?", result.ToString(), solution);
    }
}
