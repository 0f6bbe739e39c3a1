using PostTrain.Modeling.Configuration;

namespace PostTrain.Modeling.Architecture;

/// <summary>Inverse rotary frequencies, following <c>transformers</c>' modeling_rope_utils.</summary>
public static class RopeFrequencies
{
    public static double[] Compute(int headDim, double theta, RopeScaling? scaling)
    {
        var frequencies = new double[headDim / 2];
        for (var i = 0; i < frequencies.Length; i++)
            frequencies[i] = 1.0 / Math.Pow(theta, 2.0 * i / headDim);

        var scaled = scaling?.Type switch
        {
            null => frequencies,
            RopeScaling.Linear => frequencies.Select(f => f / scaling.Factor).ToArray(),
            RopeScaling.Llama3 => frequencies.Select(f => Llama3(f, scaling)).ToArray(),
            _ => throw new ArgumentException($"unsupported rope scaling '{scaling.Type}'"),
        };
        return scaled;
    }

    // Long wavelengths (low frequencies) are divided by the factor, short ones kept, and the band between the two
    // thresholds interpolated smoothly.
    static double Llama3(double frequency, RopeScaling scaling)
    {
        double original = scaling.OriginalMaxPositionEmbeddings;
        var lowFrequencyWavelength = original / scaling.LowFrequencyFactor;
        var highFrequencyWavelength = original / scaling.HighFrequencyFactor;
        var wavelength = 2 * Math.PI / frequency;
        if (wavelength < highFrequencyWavelength) return frequency;
        if (wavelength > lowFrequencyWavelength) return frequency / scaling.Factor;
        var smooth = (original / wavelength - scaling.LowFrequencyFactor)
                     / (scaling.HighFrequencyFactor - scaling.LowFrequencyFactor);
        return (1 - smooth) * frequency / scaling.Factor + smooth * frequency;
    }
}
