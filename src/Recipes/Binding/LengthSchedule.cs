using PostTrain.Actors.Contracts;

namespace PostTrain.Recipes.Binding;

/// <summary>
/// <c>rollout.schedule</c>: stages that grow the maximum response length and the number of segments as training goes
/// on (LongWriter-Zero and UloRL lengthen rollouts in stages). Each stage applies from its update on, on top of the
/// stages before it. A sample keeps the length limit it started with.
/// </summary>
public sealed record LengthSchedule(IReadOnlyList<LengthStage> Stages)
{
    public static readonly LengthSchedule None = new([]);

    /// <summary>The rollout settings of update <paramref name="step"/> (1-based).</summary>
    public RolloutSettings At(RolloutSettings initial, long step)
    {
        var settings = initial;
        foreach (var stage in Stages.Where(s => s.FromStep <= step).OrderBy(s => s.FromStep))
            settings = settings with
            {
                MaxResponseLength = stage.MaxResponseLength ?? settings.MaxResponseLength,
                Segments = stage.Segments ?? settings.Segments,
            };
        return settings;
    }
}

/// <summary>One stage of a <see cref="LengthSchedule"/>.</summary>
public sealed record LengthStage(int FromStep, int? MaxResponseLength, int? Segments);
