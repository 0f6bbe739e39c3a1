using System.CommandLine;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain inspect</c>: what a user wants to know about a model folder before using it.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Hugging Face model folder", Required = true };
        var command = new Command("inspect", "Check a model folder and describe it") { model };
        command.SetAction(result => CliAction.Run(() => ModelSummary.Print(result.GetValue(model)!)));
        return command;
    }
}
