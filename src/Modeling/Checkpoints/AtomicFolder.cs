namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// A folder written whole or not at all: <c>fill</c> writes into a staging folder beside the target, which then
/// replaces the target; a failure leaves the target as it was and no staging folder behind.
/// </summary>
public static class AtomicFolder
{
    public static void Write(string directory, Action<string> fill)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var staging = target + $".partial-{Guid.NewGuid():N}";
        try
        {
            fill(staging);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
