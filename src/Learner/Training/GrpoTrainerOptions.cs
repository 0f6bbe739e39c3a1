using PostTrain.Learner.Objectives;

namespace PostTrain.Learner.Training;

public sealed record GrpoTrainerOptions
{
    public TrainingOptions Training { get; init; } = new();
    public GrpoOptions Grpo { get; init; } = new();

    /// <summary>Completions per prompt (G); UloRL and DAPO use 8-16, LongWriter-Zero 32.</summary>
    public int GroupSize { get; init; } = 8;
}
