namespace PostTrain.Recipes.Evaluation;

/// <summary>
/// An evaluation's figures. Accuracies are in points (0-100): <see cref="AvgAtK"/> is the mean over prompts of the
/// fraction of a prompt's k samples that are correct; <see cref="PassAtK"/> the share of prompts with at least one.
/// </summary>
public sealed record EvaluationResult(
    int Prompts,
    int SamplesPerPrompt,
    double AvgAtK,
    double PassAtK,
    double RewardMean,
    double ResponseLengthMean,
    double TruncationRatio,
    long RewardFailures);
