using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Binding;

/// <summary>
/// Runs an options type's own validator on bound values and reports each failure against the recipe key it comes
/// from, found by the setting's name at the start of the validator's message.
/// </summary>
internal sealed class OptionsCheck(ResolvedRecipe resolved, List<RecipeError> errors)
{
    public void Run(Action validate, string fallbackKey, params (string Setting, string Key)[] keys) =>
        Report(Capture(validate), fallbackKey, keys);

    public void Report(IEnumerable<string> failures, string fallbackKey, params (string Setting, string Key)[] keys)
    {
        foreach (var failure in failures)
        {
            var match = keys.FirstOrDefault(k => failure.StartsWith(k.Setting, StringComparison.Ordinal));
            var key = match.Key ?? fallbackKey;
            var message = match.Setting is { } setting ? failure[setting.Length..].TrimStart() : failure;
            errors.Add(new RecipeError(resolved.OriginOf(key), key, message));
        }
    }

    // The validators throw one ArgumentException; some join several failures as "invalid X options: a; b".
    static IEnumerable<string> Capture(Action validate)
    {
        try
        {
            validate();
            return [];
        }
        catch (ArgumentException e)
        {
            var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
            var colon = message.StartsWith("invalid ", StringComparison.Ordinal) ? message.IndexOf(": ", StringComparison.Ordinal) : -1;
            return (colon >= 0 ? message[(colon + 2)..] : message).Split("; ");
        }
    }
}
