namespace PostTrain.Recipes.Tasks;

/// <summary>
/// The countdown game: reach a target with given numbers, each used once, and + - *. The target is built from a
/// random expression over the numbers, so every problem has a solution (the worked one); checked by the
/// <c>countdown</c> reward.
/// </summary>
public sealed class CountdownTask(int numbers = 3, int maxNumber = 20) : IBuiltinTask
{
    public string Name => "countdown";

    public TaskProblem Next(Random random)
    {
        var values = Enumerable.Range(0, numbers).Select(_ => 1 + random.Next(maxNumber)).ToArray();
        var expression = values[0].ToString();
        long result = values[0];
        foreach (var value in values.Skip(1))
        {
            switch (random.Next(3))
            {
                case 0: (expression, result) = ($"({expression} + {value})", result + value); break;
                case 1: (expression, result) = ($"({expression} - {value})", result - value); break;
                default: (expression, result) = ($"{expression} * {value}", result * value); break;
            }
        }
        var shown = values.OrderBy(_ => random.Next()).ToArray();
        var list = string.Join(", ", shown);
        return new TaskProblem($"countdown:{list}:{result}",
            $"Using the numbers {list}, each exactly once, with + - * and parentheses, make {result}.",
            $"numbers={string.Join(",", shown)};target={result}",
            $"{expression} = {result}. The answer is \\boxed{{{expression}}}.");
    }
}
