namespace PostTrain.Rewards.Length;

/// <summary>The length scores of TECHNIQUES sections 5-7, as the papers define them.</summary>
public static class LengthScores
{
    /// <summary>
    /// LongWriter-Zero: 1 inside [lo, hi]; len / lo below; (max - len) / (max - hi) above, clamped at 0.
    /// </summary>
    public static double LongWriterZero(double length, double low, double high, double maximum)
    {
        if (!(low > 0 && high >= low && maximum > high))
            throw new ArgumentException($"the target range needs 0 < lo <= hi < max, got lo {low}, hi {high}, max {maximum}");
        if (length < low) return Math.Max(0, length / low);
        if (length <= high) return 1;
        return Math.Max(0, (maximum - length) / (maximum - high));
    }

    /// <summary>LonGen (Self-Lengthen): 1 inside [a, b]; max(2 len / a - 1, 0) below; max(3 - 2 len / b, 0) above.</summary>
    public static double LonGen(double length, LonGenWindow window)
    {
        if (length < window.Low) return Math.Max(2 * length / window.Low - 1, 0);
        if (length <= window.High) return 1;
        return Math.Max(3 - 2 * length / window.High, 0);
    }

    /// <summary>
    /// LongBench-Write's S_l for required length x and output length y: 100 max(0, 1 - (y/x - 1)/3) when y > x, else
    /// 100 max(0, 1 - (x/y - 1)/2); an empty output scores 0.
    /// </summary>
    public static double LongBenchWrite(double required, double length)
    {
        if (!(required > 0)) throw new ArgumentException($"the required length must be positive, got {required}");
        if (length <= 0) return 0;
        return length > required
            ? 100 * Math.Max(0, 1 - (length / required - 1) / 3)
            : 100 * Math.Max(0, 1 - (required / length - 1) / 2);
    }
}

/// <summary>LonGen's target windows: "about L" [0.8L, 1.2L], "range" [a, b], "above a" [a, 1.5a], "below b" [0.5b, b].</summary>
public sealed record LonGenWindow(double Low, double High)
{
    public static LonGenWindow About(double length) => new(0.8 * length, 1.2 * length);
    public static LonGenWindow Range(double low, double high) => new(low, high);
    public static LonGenWindow Above(double low) => new(low, 1.5 * low);
    public static LonGenWindow Below(double high) => new(0.5 * high, high);
}
