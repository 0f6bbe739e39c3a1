namespace PostTrain.Cli.Commands;

internal static class StagingFolder
{
    /// <summary>Moves a finished staging folder to its final place: a rename when the target does not exist yet.</summary>
    public static void Publish(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            var parent = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
            Directory.Move(staging, target);
            return;
        }
        foreach (var file in Directory.GetFiles(staging))
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }
}
