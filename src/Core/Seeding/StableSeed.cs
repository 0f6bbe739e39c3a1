namespace PostTrain.Core.Seeding;

/// <summary>
/// Seeds derived from several numbers, the same in every process (unlike <see cref="HashCode"/>, which .NET randomises
/// per process): data orders and sample seeds must repeat across a resume in a new process. SplitMix64's mixer.
/// </summary>
public static class StableSeed
{
    public static int Of(params long[] parts)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var part in parts) state = Mix(state ^ (ulong)part);
        return (int)(state & int.MaxValue);
    }

    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
