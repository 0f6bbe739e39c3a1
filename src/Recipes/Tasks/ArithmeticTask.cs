namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Two-number arithmetic (a + b, a - b, a x b) with operands below <see cref="MaxOperand"/>: verifiable by
/// <c>math_verify</c>, short enough for the tiny preset to learn on 2 cores.
/// </summary>
public sealed class ArithmeticTask(int maxOperand = 50) : IBuiltinTask
{
    public string Name => "arithmetic";
    public int MaxOperand => maxOperand;

    public TaskProblem Next(Random random)
    {
        var (a, b) = (random.Next(maxOperand), random.Next(maxOperand));
        var (symbol, result) = random.Next(3) switch
        {
            0 => ("+", a + b),
            1 => ("-", a - b),
            _ => ("*", a * b),
        };
        var expression = $"{a} {symbol} {b}";
        return new TaskProblem($"arithmetic:{expression}", $"What is {expression}?", result.ToString(),
            $"{expression} = {result}. The answer is \\boxed{{{result}}}.");
    }
}
