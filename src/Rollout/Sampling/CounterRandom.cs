namespace PostTrain.Rollout.Sampling;

/// <summary>
/// A stateless random stream: the uniform for token number <c>step</c> of a request depends only on (seed, step).
/// A generation continued from a prefix therefore draws exactly what an uninterrupted one would have drawn, and a
/// request's draws never depend on which other requests share its batch.
/// </summary>
public static class CounterRandom
{
    /// <summary>A uniform double in [0, 1).</summary>
    public static double Uniform(long seed, long step)
    {
        var mixed = Mix(Mix(unchecked((ulong)seed)) ^ unchecked((ulong)step * 0x9E3779B97F4A7C15UL));
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }

    // SplitMix64's finaliser.
    static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
