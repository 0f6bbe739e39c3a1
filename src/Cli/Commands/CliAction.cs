using PostTrain.Modeling;

namespace PostTrain.Cli.Commands;

/// <summary>
/// Runs a command body and turns the errors a user can cause (bad files, bad settings) into one clear line on
/// standard error and a non-zero exit code, instead of a stack trace.
/// </summary>
internal static class CliAction
{
    public const int UserError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"posttrain: error: {e.Message}");
            return UserError;
        }
    }

    static bool IsUserError(Exception e) =>
        e is ModelFormatException or ArgumentException or InvalidOperationException or IOException
            or UnauthorizedAccessException || e.GetType().Name == "TokenizerFormatException";
}
