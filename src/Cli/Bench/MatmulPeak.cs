using System.Diagnostics;
using static TorchSharp.torch;

namespace PostTrain.Cli.Bench;

/// <summary>FLOP/s of a large float32 matrix product on this machine, the yardstick for "fraction of GEMM speed".</summary>
internal static class MatmulPeak
{
    public static double FlopsPerSecond(int size = 1536, int repeats = 8)
    {
        using var scope = NewDisposeScope();
        var a = randn(size, size);
        var b = randn(size, size);
        a.matmul(b); // warm-up
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++) a.matmul(b);
        return 2.0 * size * size * (double)size * repeats / watch.Elapsed.TotalSeconds;
    }
}
