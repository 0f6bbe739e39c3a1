namespace PostTrain.Learner.Optimization;

public enum ScheduleKind
{
    Constant,
    Linear,
    Cosine,
}

/// <summary>
/// Learning rate per update, as Hugging Face's schedulers: linear warm-up from 0 over <see cref="WarmupSteps"/>, then
/// constant, linear decay to 0, or half a cosine to 0 at <see cref="TotalSteps"/>.
/// </summary>
public sealed record LearningRateSchedule(ScheduleKind Kind, double PeakLearningRate, int TotalSteps, int WarmupSteps = 0)
{
    /// <summary>Warm-up as a fraction of the total (TECHNIQUES section 8's LoRA recipe uses 0.1).</summary>
    public static LearningRateSchedule WithWarmupRatio(ScheduleKind kind, double peak, int totalSteps, double warmupRatio) =>
        new(kind, peak, totalSteps, (int)Math.Ceiling(totalSteps * warmupRatio));

    /// <summary>The rate for update number <paramref name="step"/> (0 = the first update).</summary>
    public double At(long step)
    {
        if (step < WarmupSteps) return PeakLearningRate * (step + 1) / (WarmupSteps + 1);
        if (Kind == ScheduleKind.Constant) return PeakLearningRate;
        var progress = Math.Clamp((double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps), 0, 1);
        return Kind == ScheduleKind.Linear
            ? PeakLearningRate * (1 - progress)
            : PeakLearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
