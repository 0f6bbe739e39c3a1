using System.CommandLine;
using PostTrain.Recipes.Metrics;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain plot RUN</c>: draw a run's metrics.jsonl as PNG files in RUN/plots and print their paths.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder, holding metrics.jsonl" };
        var command = new Command("plot", "Plot a run's metrics (reward, response length, entropy, loss) as PNG files in RUN/plots")
        {
            run,
        };
        command.SetAction(result => CliAction.Run(() => Plot(result.GetValue(run)!)));
        return command;
    }

    static int Plot(string run)
    {
        IReadOnlyList<string> written;
        try
        {
            written = MetricsPlotter.Plot(run);
        }
        catch (InvalidDataException e)
        {
            // A malformed metrics line: the message names path:line.
            Console.Error.WriteLine($"posttrain: error: {e.Message}");
            return CliAction.UserError;
        }
        if (written.Count == 0)
            Console.Error.WriteLine($"posttrain: nothing to plot: no reward, length, entropy or loss metrics in {Path.Combine(run, MetricsFile.FileName)}");
        if (written.Count > 0 && !MetricsPlotter.CanDrawText)
            Console.Error.WriteLine("posttrain: warning: no fonts installed (e.g. apt-get install fonts-dejavu-core): the plots have no text");
        foreach (var path in written) Console.WriteLine(path);
        return 0;
    }
}
