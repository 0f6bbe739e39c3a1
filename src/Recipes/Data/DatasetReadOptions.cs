namespace PostTrain.Recipes.Data;

/// <summary>How strictly a data set is read.</summary>
public sealed record DatasetReadOptions
{
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>RL examples must carry a ground truth. Off by default: some rewards (length, a reward model) need none.</summary>
    public bool RequireGroundTruth { get; init; }

    /// <summary>Reading stops after this many bad lines or rows. 20 shows a pattern without flooding a terminal.</summary>
    public int MaxErrors { get; init; } = 20;
}
