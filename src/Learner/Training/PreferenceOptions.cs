using PostTrain.Learner.Objectives;

namespace PostTrain.Learner.Training;

/// <summary>Settings of the preference trainers (DPO and reward models).</summary>
public sealed record PreferenceOptions
{
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Pairs per update (split evenly over the accumulation micro-batches).</summary>
    public int BatchSize { get; init; } = 8;

    public DpoOptions Dpo { get; init; } = new();
}
