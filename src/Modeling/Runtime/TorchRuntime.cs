using static TorchSharp.torch;

namespace PostTrain.Modeling.Runtime;

/// <summary>
/// The one place that sets libtorch up for a process: compute device (a setting: <c>cpu</c>, <c>cuda</c>,
/// <c>cuda:N</c>) and intra-op threads. The native library itself is made loadable at build time
/// (build/NativeRuntime.targets).
/// </summary>
public static class TorchRuntime
{
    public static Device Configure(string device = "cpu", int? threads = null)
    {
        if (threads is { } count)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(threads), count, "threads must be positive");
            set_num_threads(count);
        }
        return ParseDevice(device);
    }

    public static Device ParseDevice(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "cpu") return CPU;
        if (normalized == "cuda" || normalized.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new InvalidOperationException(
                    $"device '{name}' was requested but CUDA is not available: build with -p:PostTrainCuda=true on a machine with an NVIDIA GPU, or use 'cpu'");
            return device(normalized);
        }
        throw new ArgumentException($"device '{name}' is not supported; expected cpu, cuda or cuda:N");
    }
}
