namespace PostTrain.Recipes.Metrics;

/// <summary>
/// One metric of one phase as points to plot, ordered by step. When a step appears twice (a run resumed from a
/// checkpoint logs its steps again) the later line wins.
/// </summary>
internal sealed record MetricSeries(string Name, double[] Steps, double[] Values)
{
    public int Count => Steps.Length;

    public static MetricSeries Of(IEnumerable<MetricsRow> rows, string name)
    {
        var byStep = new SortedDictionary<long, double>();
        foreach (var row in rows)
            if (row.Values.TryGetValue(name, out var value)) byStep[row.Step] = value;
        return new MetricSeries(name, byStep.Keys.Select(s => (double)s).ToArray(), byStep.Values.ToArray());
    }
}
