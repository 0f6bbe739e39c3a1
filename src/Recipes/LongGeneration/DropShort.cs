namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Self-Lengthen's <c>drop_short</c>: samples sorted by ascending length, the one at index i of N has rank
/// r = 1 - i / N and is kept when a uniform draw exceeds 2 r^3, so short samples are mostly dropped and long ones kept.
/// </summary>
public static class DropShort
{
    /// <summary>The probability that the sample at <paramref name="index"/> (ascending length) of <paramref name="count"/> is kept.</summary>
    public static double KeepProbability(int index, int count)
    {
        if (count <= 0 || index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} of {count}");
        var rank = 1.0 - (double)index / count;
        return Math.Max(0, 1 - 2 * rank * rank * rank);
    }

    /// <summary>The samples kept, in their original order; <paramref name="length"/> orders them (ties keep their order).</summary>
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> samples, Func<T, int> length, Random random)
    {
        var ascending = samples.Select((sample, position) => (sample, position)).OrderBy(s => length(s.sample)).ThenBy(s => s.position).ToList();
        var kept = new List<(T Sample, int Position)>();
        for (var i = 0; i < ascending.Count; i++)
            if (random.NextDouble() > 2 * Math.Pow(1.0 - (double)i / ascending.Count, 3)) kept.Add(ascending[i]);
        return kept.OrderBy(k => k.Position).Select(k => k.Sample).ToList();
    }
}
