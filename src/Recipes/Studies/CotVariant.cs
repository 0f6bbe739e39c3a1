namespace PostTrain.Recipes.Studies;

/// <summary>
/// The training-data variants of the structure study (arXiv 2502.07374, section 4): the clean traces; three that
/// damage the content (a wrong final answer, corrupted digits, no reflection keywords); two that damage the
/// structure (steps shuffled, steps deleted).
/// </summary>
public enum CotVariant
{
    Clean,
    WrongAnswer,
    DigitCorrupted,
    KeywordRemoved,
    StepShuffled,
    StepDeleted,
}

public static class CotVariants
{
    public static IReadOnlyList<CotVariant> All { get; } = Enum.GetValues<CotVariant>();

    /// <summary>The name a summary and the command line use: <c>clean</c>, <c>wrong_answer</c>, <c>digit_corrupted</c> ...</summary>
    public static string Name(this CotVariant variant) => variant switch
    {
        CotVariant.Clean => "clean",
        CotVariant.WrongAnswer => "wrong_answer",
        CotVariant.DigitCorrupted => "digit_corrupted",
        CotVariant.KeywordRemoved => "keyword_removed",
        CotVariant.StepShuffled => "step_shuffled",
        CotVariant.StepDeleted => "step_deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>Whether the variant damages the content (the steps keep their order and number) or the structure.</summary>
    public static string Kind(this CotVariant variant) => variant switch
    {
        CotVariant.Clean => "none",
        CotVariant.StepShuffled or CotVariant.StepDeleted => "structure",
        _ => "content",
    };

    public static CotVariant Parse(string name)
    {
        foreach (var variant in All)
            if (variant.Name() == name.Trim()) return variant;
        throw new ArgumentException($"unknown variant '{name}'; expected one of {string.Join(", ", All.Select(v => v.Name()))}");
    }
}
