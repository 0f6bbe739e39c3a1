using System.CommandLine;
using PostTrain.Recipes;
using PostTrain.Recipes.Output;
using PostTrain.Recipes.Validation;

namespace PostTrain.Cli.Commands;

/// <summary><c>posttrain recipe check</c>: validate a recipe and print every key's effective value, or every error.</summary>
internal static class RecipeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("RECIPE") { Description = "the recipe, a YAML file" };
        var set = new Option<string[]>("--set") { Description = "override a key, e.g. --set rollout.segments=4 (repeatable)" };
        var json = new Option<bool>("--json") { Description = "print the resolved recipe as JSON instead of YAML" };
        var check = new Command("check", "Validate a recipe and print it with defaults filled in; errors name the file, line and key")
        {
            file, set, json,
        };
        check.SetAction(result => CliAction.Run(() => Check(result.GetValue(file)!, result.GetValue(set) ?? [], result.GetValue(json))));
        return new Command("recipe", "Work with recipes") { check };
    }

    static int Check(string file, string[] overrides, bool json)
    {
        try
        {
            var recipe = RecipeReader.Read(file, overrides);
            Console.Write(json ? ResolvedWriter.Json(recipe.Resolved) + Environment.NewLine : ResolvedWriter.Yaml(recipe.Resolved));
            return 0;
        }
        catch (RecipeException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine($"posttrain: error: {error}");
            return CliAction.UserError;
        }
    }
}
