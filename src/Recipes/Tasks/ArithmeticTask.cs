namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Two-number arithmetic (a + b, a - b, a x b, or a subset of the three) with operands below
/// <see cref="MaxOperand"/>: verifiable by <c>math_verify</c>, short enough for the small presets to learn on 2 cores.
/// The worked solution is the shortest one that still shows the sum: <c>12 + 5 = \boxed{17}</c>.
/// </summary>
public sealed class ArithmeticTask : IBuiltinTask
{
    public const string AllOperations = "+-*";

    readonly char[] _operations;

    public ArithmeticTask(int maxOperand = 50, string operations = AllOperations)
    {
        if (maxOperand < 2) throw new ArgumentOutOfRangeException(nameof(maxOperand), $"max_operand must be at least 2, got {maxOperand}");
        if (operations.Length == 0 || operations.Any(c => !AllOperations.Contains(c)) || operations.Distinct().Count() != operations.Length)
            throw new ArgumentException($"operations must be distinct characters from '{AllOperations}', got '{operations}'", nameof(operations));
        MaxOperand = maxOperand;
        _operations = operations.ToCharArray();
    }

    public string Name => "arithmetic";
    public int MaxOperand { get; }

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
        return new TaskProblem($"arithmetic:{expression}", $"What is {expression}?", result.ToString(), $"{expression} = \\boxed{{{result}}}");
    }
}
