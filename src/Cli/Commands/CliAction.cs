using PostTrain.Modeling;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Commands;

/// <summary>
/// Runs a command body and turns the errors a user can cause (bad files, bad settings) into one clear line on
/// standard error and a non-zero exit code, instead of a stack trace.
/// </summary>
internal static class CliAction
{
    public const int UserError = 2;

    /// <summary>A guard stopped a training run (the message says why); its checkpoints stay.</summary>
    public const int RunStopped = 3;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Recipes.Validation.RecipeException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine($"posttrain: error: {error}");
            return UserError;
        }
        catch (Recipes.Runs.RunStoppedException e)
        {
            Console.Error.WriteLine($"posttrain: error: {e.Message}");
            return RunStopped;
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"posttrain: error: {Describe(e)}");
            return UserError;
        }
    }

    static bool IsUserError(Exception e) =>
        e is ModelFormatException or TokenizerFormatException or ArgumentException or InvalidOperationException
            or IOException or UnauthorizedAccessException or Recipes.Data.DatasetException or InvalidDataException;

    // ArgumentException appends "(Parameter 'x')", which means nothing to someone at a command line.
    static string Describe(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
}
