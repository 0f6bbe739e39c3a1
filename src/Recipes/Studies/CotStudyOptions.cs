namespace PostTrain.Recipes.Studies;

/// <summary>How <c>posttrain study cot-structure</c> runs, besides the recipe it takes its training settings from.</summary>
public sealed record CotStudyOptions
{
    /// <summary>The study folder; null = <c>runs/NAME-cot-structure</c>.</summary>
    public string? Out { get; init; }

    /// <summary>The variants trained, in this order; <c>clean</c> must be among them (it is every ratio's denominator).</summary>
    public IReadOnlyList<CotVariant> Variants { get; init; } = CotVariants.All;

    /// <summary>SFT updates of every variant; null = the recipe's <c>learner.total_steps</c>.</summary>
    public int? Steps { get; init; }

    /// <summary>Share of the steps that <c>step_shuffled</c> shuffles and <c>step_deleted</c> deletes (the paper's 67%).</summary>
    public double StepFraction { get; init; } = 0.67;

    /// <summary>Chance that <c>digit_corrupted</c> replaces a digit of a step.</summary>
    public double DigitCorruption { get; init; } = 0.7;

    /// <summary>Seed of the transforms (which steps move, which digits change).</summary>
    public int Seed { get; init; }

    /// <summary>Progress bars (a terminal) instead of plain lines.</summary>
    public bool Interactive { get; init; }

    public static void Validate(CotStudyOptions o)
    {
        if (!o.Variants.Contains(CotVariant.Clean))
            throw new ArgumentException("the variants must include clean: every accuracy ratio divides by clean's accuracy");
        if (o.Variants.Distinct().Count() != o.Variants.Count) throw new ArgumentException("a variant is named twice");
        if (o.Steps is < 1) throw new ArgumentException($"--steps must be at least 1, got {o.Steps}");
        if (!(o.StepFraction is >= 0 and <= 1)) throw new ArgumentException($"--step-fraction must be in [0, 1], got {o.StepFraction}");
        if (!(o.DigitCorruption is >= 0 and <= 1)) throw new ArgumentException($"--digit-corruption must be in [0, 1], got {o.DigitCorruption}");
        if (o.Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {o.Seed}");
    }
}
