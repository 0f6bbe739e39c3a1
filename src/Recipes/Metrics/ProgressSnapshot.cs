namespace PostTrain.Recipes.Metrics;

/// <summary>Where a phase stands: what a <see cref="ProgressDisplay"/> shows. <see cref="Eta"/> is null until a rate is known.</summary>
internal sealed record ProgressSnapshot(
    string Phase, long Done, long Total, IReadOnlyList<(string Name, string Value)> Fields, TimeSpan Elapsed, TimeSpan? Eta)
{
    /// <summary>Whole percent done, 0 when the total is unknown (zero or less).</summary>
    public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Done * 100 / Total, 0, 100);

    public bool Finished => Total > 0 && Done >= Total;
}
