using System.Runtime.InteropServices;

namespace PostTrain.Modeling.Runtime;

/// <summary>
/// Hands freed native memory back to the operating system. glibc keeps freed heap blocks for reuse; after a pass that
/// allocated many buffers of different sizes (a no-grad forward, one layer's chunked backward), they would otherwise
/// stay resident and add to the next pass's peak.
/// </summary>
public static partial class NativeHeap
{
    static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // not glibc (musl): nothing to trim
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
