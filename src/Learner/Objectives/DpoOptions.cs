namespace PostTrain.Learner.Objectives;

/// <summary>DPO settings; beta 0.1 is the DPO paper's and TRL's default.</summary>
public sealed record DpoOptions
{
    public double Beta { get; init; } = 0.1;
    public DpoLossType LossType { get; init; } = DpoLossType.Sigmoid;

    public static void Validate(DpoOptions options)
    {
        if (!(options.Beta > 0)) throw new ArgumentException($"dpo beta must be > 0, got {options.Beta}");
    }
}
