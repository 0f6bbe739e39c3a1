using PostTrain.Recipes.LongGeneration;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// What one Self-Lengthen macro-iteration did: answers written, those passing the response check (the samples the
/// micro-loop tried), those grown past min_growth (accepted), those drop_short kept for training, extension rounds
/// tried and accepted, mean lengths in words, and each role's training.
/// </summary>
public sealed record IterationReport(int Iteration, int Written, int PassedCheck, int Accepted, IReadOnlyList<LengthSample> Kept,
    int RoundsTried, int RoundsAccepted, double InitialWordsMean, double AcceptedWordsMean)
{
    public double GeneratorLoss { get; init; } = double.NaN;
    public int GeneratorSteps { get; init; }
    public double ExtenderLoss { get; init; } = double.NaN;
    public int ExtenderSteps { get; init; }

    /// <summary>Samples kept by the micro-loop's rules over those it tried.</summary>
    public double AcceptanceRate => PassedCheck == 0 ? 0 : Accepted / (double)PassedCheck;
}
