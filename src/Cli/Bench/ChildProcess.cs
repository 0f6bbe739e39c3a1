using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PostTrain.Cli.Bench;

/// <summary>Runs this same executable with other arguments and parses the JSON it prints.</summary>
internal static class ChildProcess
{
    public static JsonObject RunJson(params string[] arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the posttrain executable");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal))
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"posttrain {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return JsonNode.Parse(output.Result.Trim().Split('\n')[^1])!.AsObject();
    }
}
