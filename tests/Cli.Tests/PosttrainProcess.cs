using System.Diagnostics;

namespace PostTrain.Cli.Tests;

/// <summary>Runs the built <c>posttrain</c> in a child process, as a user would, so native loading is exercised too.</summary>
internal static class PosttrainProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "posttrain.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"posttrain {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
