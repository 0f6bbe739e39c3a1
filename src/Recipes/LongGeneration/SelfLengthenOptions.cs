namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Self-Lengthen's settings (<c>algorithm.self_lengthen</c>; TECHNIQUES section 6). Defaults are the paper's where it
/// gives one: 3 macro-iterations, 3 extension rounds, keep a sample above 1.2x its initial length, keep each line of
/// the Extender's input with probability 0.8.
/// </summary>
public sealed record SelfLengthenOptions
{
    /// <summary>Macro-iterations: generate, extend, filter, train both roles.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Extension rounds per sample in each macro-iteration (expand the first half, then continue).</summary>
    public int MicroRounds { get; init; } = 3;

    /// <summary>A sample is trained on only when its extended text has more than this many times its initial words.</summary>
    public double MinGrowth { get; init; } = 1.2;

    /// <summary>Line dropout of the Extender's training input: each line of the initial text is kept with this probability.</summary>
    public double LineKeep { get; init; } = LineDropout.KeepProbability;

    /// <summary>Passes over an iteration's kept samples when training each role (TRL's SFT default is 3 epochs).</summary>
    public int Epochs { get; init; } = 3;

    public static void Validate(SelfLengthenOptions o)
    {
        if (o.Iterations < 1) throw new ArgumentException($"iterations must be at least 1, got {o.Iterations}");
        if (o.MicroRounds < 1) throw new ArgumentException($"micro_rounds must be at least 1, got {o.MicroRounds}");
        if (!(o.MinGrowth >= 1)) throw new ArgumentException($"min_growth must be at least 1, got {o.MinGrowth}");
        if (!(o.LineKeep is > 0 and <= 1)) throw new ArgumentException($"line_keep must be in (0, 1], got {o.LineKeep}");
        if (o.Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {o.Epochs}");
    }
}
