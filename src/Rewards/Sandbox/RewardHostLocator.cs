using System.Runtime.InteropServices;

namespace PostTrain.Rewards.Sandbox;

/// <summary>Finds the reward host assembly and the <c>dotnet</c> executable that runs it.</summary>
public static class RewardHostLocator
{
    public const string HostFileName = "posttrain-reward-host.dll";

    /// <summary>The configured host, else the one next to the application, else the one next to PostTrain.Rewards.dll.</summary>
    public static string FindHost(string? configured)
    {
        if (configured is not null) return Path.GetFullPath(configured);
        string[] folders = [AppContext.BaseDirectory, Path.GetDirectoryName(typeof(RewardHostLocator).Assembly.Location) ?? ""];
        return folders.Where(f => f.Length > 0).Select(f => Path.Combine(f, HostFileName)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException(
                   $"the reward host {HostFileName} is not next to the application ({AppContext.BaseDirectory}); reference the " +
                   "PostTrain.RewardHost project from the application, or set the host path in ChildProcessRewardOptions");
    }

    /// <summary>
    /// The <c>dotnet</c> muxer: the one at the root of the runtime this process runs on (framework-dependent apps run from
    /// <c>ROOT/shared/Microsoft.NETCore.App/VERSION/</c>), else <c>DOTNET_HOST_PATH</c>, else this process if it is
    /// <c>dotnet</c>, else <c>DOTNET_ROOT</c>, else <c>dotnet</c> on the PATH.
    /// </summary>
    public static string FindDotnet()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        string?[] candidates =
        [
            root is null ? null : Path.Combine(root, name),
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Path.GetFileName(Environment.ProcessPath) == name ? Environment.ProcessPath : null,
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } dotnetRoot ? Path.Combine(dotnetRoot, name) : null,
        ];
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c))
               ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                   .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"cannot find the {name} executable to run the reward host; set DOTNET_ROOT");
    }
}
