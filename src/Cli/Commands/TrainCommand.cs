using System.CommandLine;
using PostTrain.Recipes;
using PostTrain.Recipes.Pipelines;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain train RECIPE.yaml</c>: run a recipe, or continue one with <c>--resume</c>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("RECIPE") { Description = "the recipe, a YAML file" };
        var output = new Option<string?>("--out") { Description = "the run folder (default: runs/NAME)" };
        var resume = new Option<bool>("--resume") { Description = "continue from the newest checkpoint in the run folder" };
        var set = new Option<string[]>("--set") { Description = "override a key, e.g. --set rollout.segments=4 (repeatable)" };
        var command = new Command("train", "Run a recipe: SFT warm-up, GRPO/DPO/SFT/RM, evaluation, checkpoints, metrics") { file, output, resume, set };
        command.SetAction(result => CliAction.Run(() => Run(result.GetValue(file)!, result.GetValue(set) ?? [], new RunOptions
        {
            Out = result.GetValue(output),
            Resume = result.GetValue(resume),
            Interactive = !Console.IsOutputRedirected,
        })));
        return command;
    }

    internal static int Run(string file, IReadOnlyList<string> overrides, RunOptions options)
    {
        var recipe = RecipeReader.Read(file, overrides);
        var result = TrainingRun.RunAsync(recipe, options, Console.Out).GetAwaiter().GetResult();
        Console.WriteLine($"run folder: {result.Folder.Root}");
        if (result.Before is { } before && result.After is { } after)
            Console.WriteLine($"held-out accuracy: {before.AvgAtK:0.0} -> {after.AvgAtK:0.0} points (avg@{after.SamplesPerPrompt})");
        Console.WriteLine($"summary: {result.Folder.Summary}");
        return 0;
    }
}
