namespace PostTrain.Cli.Bench;

/// <summary>Response lengths drawn from a log-normal distribution (heavy-tailed, as reasoning traces are), capped.</summary>
internal sealed class LogNormalLengths(double median, double sigma, int cap, int seed)
{
    readonly Random _random = new(seed);

    public double Median => median;
    public double Sigma => sigma;
    public int Cap => cap;

    public int Next()
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return (int)Math.Clamp(Math.Round(median * Math.Exp(sigma * normal)), 1, cap);
    }
}
