using System.Globalization;

namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Multi-step arithmetic with a long chain-of-thought solution, the synthetic stand-in for the long-CoT
/// demonstrations of "LLMs Can Easily Learn to Reason from Demonstrations" (TECHNIQUES section 8): start from a
/// number, apply 3-5 numbered additions and subtractions of small operands. The worked solution has one numbered
/// step a line, checks of the steps by the inverse operation, often opened by a reflection keyword ("Wait",
/// "Hmm", "Let me verify"), and now and then a wrong intermediate result that its check catches, followed by
/// "Wait, that is wrong." and the corrected step. The last line gives the result in <c>\boxed{}</c>
/// (<c>math_verify</c>). Every intermediate value stays in [0, <see cref="MaxValue"/>), so the facts a step needs
/// are those of the <c>arithmetic</c> task with <c>max_operand</c> = <see cref="MaxValue"/> and operations <c>+-</c>.
/// <c>short_cot</c> (<see cref="Short"/>) poses the same problems with the plain chain as the solution, for an SFT
/// warm-up that teaches the arithmetic and the format before a LoRA SFT on the long traces.
/// </summary>
public sealed class LongCotTask : IBuiltinTask
{
    // One-digit values and operands, two or three steps: what the mini model learns on 2 cores in minutes (README).
    public const int DefaultMinOperations = 2, DefaultMaxOperations = 3, DefaultMaxValue = 10, DefaultMaxOperand = 6;
    public const double DefaultCheckProbability = 0.5, DefaultBacktrackProbability = 0.15;

    /// <summary>
    /// The same problems with the plain chain: one numbered step an operation, and by default no checks and no
    /// backtracking (a warm-up may ask for a few, so that its model has met the reflection words).
    /// </summary>
    public static LongCotTask Short(int minOperations = DefaultMinOperations, int maxOperations = DefaultMaxOperations,
        int maxValue = DefaultMaxValue, int maxOperand = DefaultMaxOperand, double checkProbability = 0, double backtrackProbability = 0) =>
        new(minOperations, maxOperations, maxValue, maxOperand, checkProbability, backtrackProbability) { Name = "short_cot" };

    /// <param name="maxValue">Every value of the chain (the start, each intermediate result) is below this.</param>
    /// <param name="maxOperand">Operands are 1 to this minus 1.</param>
    public LongCotTask(int minOperations = DefaultMinOperations, int maxOperations = DefaultMaxOperations, int maxValue = DefaultMaxValue,
        int maxOperand = DefaultMaxOperand, double checkProbability = DefaultCheckProbability, double backtrackProbability = DefaultBacktrackProbability)
    {
        if (minOperations < 1) throw new ArgumentOutOfRangeException(nameof(minOperations), $"min_operations must be at least 1, got {minOperations}");
        if (maxOperations < minOperations)
            throw new ArgumentOutOfRangeException(nameof(maxOperations), $"max_operations must be at least min_operations ({minOperations}), got {maxOperations}");
        if (maxOperand < 2) throw new ArgumentOutOfRangeException(nameof(maxOperand), $"max_operand must be at least 2 (operands are 1 to max_operand - 1), got {maxOperand}");
        if (maxValue < maxOperand)
            throw new ArgumentOutOfRangeException(nameof(maxValue), $"max_value must be at least max_operand ({maxOperand}), so that every operand fits some value, got {maxValue}");
        if (!(checkProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(checkProbability), $"check_probability must be in [0, 1], got {checkProbability}");
        if (!(backtrackProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(backtrackProbability), $"backtrack_probability must be in [0, 1], got {backtrackProbability}");
        (MinOperations, MaxOperations, MaxValue, MaxOperand) = (minOperations, maxOperations, maxValue, maxOperand);
        (CheckProbability, BacktrackProbability) = (checkProbability, backtrackProbability);
    }

    /// <summary><c>long_cot</c>, or <c>short_cot</c> for <see cref="Short"/>; the ids are the same for both (<c>long_cot:...</c>).</summary>
    public string Name { get; private init; } = "long_cot";
    public int MinOperations { get; }
    public int MaxOperations { get; }
    public int MaxValue { get; }
    public int MaxOperand { get; }

    /// <summary>The chance that a correct step is followed by a check.</summary>
    public double CheckProbability { get; }

    /// <summary>The chance that a step is first written with a wrong result, then caught and corrected.</summary>
    public double BacktrackProbability { get; }

    /// <summary>The words and phrases of reflection the traces use; the <c>keyword_removed</c> variant deletes them.</summary>
    public static IReadOnlyList<string> ReflectionKeywords { get; } = ["Wait", "Hmm", "Let me verify"];

    public TaskProblem Next(Random random)
    {
        var start = random.Next(MaxValue);
        var operations = new List<(char Symbol, int Operand)>();
        var value = start;
        for (var count = random.Next(MinOperations, MaxOperations + 1); operations.Count < count;)
        {
            var operand = 1 + random.Next(MaxOperand - 1);
            var add = value + operand < MaxValue && (value - operand < 0 || random.Next(2) == 0);
            if (!add && value - operand < 0) continue;
            operations.Add(add ? ('+', operand) : ('-', operand));
            value += add ? operand : -operand;
        }

        // The trace's choices draw from their own source, so short_cot and long_cot pose the same problems for a seed.
        var choices = new Random(random.Next());
        var steps = new List<string>();
        value = start;
        for (var i = 0; i < operations.Count; i++)
        {
            var (symbol, operand) = operations[i];
            var next = symbol == '+' ? value + operand : value - operand;
            if (choices.NextDouble() < BacktrackProbability) Backtrack(steps, choices, i + 1, value, symbol, operand, next);
            else
            {
                steps.Add($"Step {i + 1}: {value} {symbol} {operand} = {next}.");
                if (choices.NextDouble() < CheckProbability) steps.Add(Check(choices, value, symbol, operand, next));
            }
            value = next;
        }

        var listed = string.Join(", ", operations.Select((o, i) => $"({i + 1}) {o.Symbol} {o.Operand}"));
        var id = $"long_cot:{start}:{string.Join(",", operations.Select(o => $"{o.Symbol}{o.Operand}"))}";
        var answer = value.ToString(CultureInfo.InvariantCulture);
        var trace = new CotTrace(steps, $"So the result is {CotTrace.BoxedOpening}{answer}}}.");
        return new TaskProblem(id, $"Start with {start}, then {listed}. What is the result?", answer, trace.ToString());
    }

    // A wrong result off by 1-3, caught by its check (the inverse operation does not give back the previous value).
    static void Backtrack(List<string> steps, Random random, int number, int previous, char symbol, int operand, int next)
    {
        int offset;
        do offset = (1 + random.Next(3)) * (random.Next(2) == 0 ? 1 : -1);
        while (next + offset < 0 || previous + offset < 0);
        var wrong = next + offset;
        var inverse = symbol == '+' ? '-' : '+';
        steps.Add($"Step {number}: {previous} {symbol} {operand} = {wrong}.");
        steps.Add($"{(random.Next(2) == 0 ? "Check" : "Hmm, check")}: {wrong} {inverse} {operand} = {previous + offset}, not {previous}.");
        steps.Add($"Wait, that is wrong. Step {number} again: {previous} {symbol} {operand} = {next}.");
        steps.Add($"Let me verify: {next} {inverse} {operand} = {previous}. Correct.");
    }

    static string Check(Random random, int previous, char symbol, int operand, int next)
    {
        var inverse = $"{next} {(symbol == '+' ? '-' : '+')} {operand} = {previous}";
        return random.Next(4) switch
        {
            0 => $"Check: {inverse}. Correct.",
            1 => $"Let me verify: {inverse}. Correct.",
            2 => $"Hmm, check: {inverse}. Correct.",
            _ => $"Wait, let me verify: {inverse}. Yes.",
        };
    }
}
