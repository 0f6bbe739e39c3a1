using System.Text.RegularExpressions;
using PostTrain.Recipes.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PostTrain.Recipes.Loading;

/// <summary>
/// Applies <c>--set key=value</c> overrides to a loaded recipe before validation. Keys are dotted paths
/// (<c>algorithm.grpo.beta</c>, <c>rewards[0].weight</c>); values are read as YAML (<c>[a, b]</c> is a list).
/// Overridden values are marked as coming from <c>--set</c>, so errors about them say so.
/// </summary>
public static partial class RecipeOverrides
{
    public static IReadOnlyList<RecipeError> Apply(RecipeMapping root, IEnumerable<string> overrides)
    {
        var errors = new List<RecipeError>();
        foreach (var text in overrides)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0)
            {
                errors.Add(new RecipeError(RecipeOrigin.Override, "", $"'{text}': expected key=value"));
                continue;
            }
            var key = text[..equals].Trim();
            if (Apply(root, key, ParseValue(text[(equals + 1)..])) is { } error)
                errors.Add(new RecipeError(RecipeOrigin.Override, key, error));
        }
        return errors;
    }

    static string? Apply(RecipeMapping root, string key, RecipeNode value)
    {
        var segments = key.Split('.');
        var mapping = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Segment().Match(segments[i]);
            if (!match.Success) return $"'{segments[i]}' is not a key name";
            var name = match.Groups["name"].Value;
            var last = i == segments.Length - 1;
            if (!match.Groups["index"].Success)
            {
                if (last)
                {
                    mapping.Set(name, RecipeOrigin.Override, value);
                    return null;
                }
                var child = mapping[name];
                if (child is null)
                {
                    var created = new RecipeMapping(RecipeOrigin.Override);
                    mapping.Set(name, RecipeOrigin.Override, created);
                    mapping = created;
                }
                else if (child is RecipeMapping existing) mapping = existing;
                else return $"'{string.Join('.', segments[..(i + 1)])}' is {child.Describe()}, not a mapping";
                continue;
            }
            var index = int.Parse(match.Groups["index"].Value);
            if (mapping[name] is not RecipeSequence sequence || index >= sequence.Items.Count)
                return $"'{name}' has no entry [{index}] to override (entries are added in the recipe file)";
            if (last || sequence.Items[index] is not RecipeMapping item)
                return $"'{name}[{index}]' is replaced key by key: name one of its keys, e.g. {name}[{index}].weight";
            mapping = item;
        }
        return null;
    }

    static RecipeNode ParseValue(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1) return RecipeLoader.Convert(stream.Documents[0].RootNode, "--set", RecipeOrigin.Override);
        }
        catch (YamlException)
        {
            // Not YAML on its own (e.g. "a: b: c"): the text is taken as it is.
        }
        return new RecipeScalar(text, text.Length > 0, RecipeOrigin.Override);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(\[(?<index>\d+)\])?$")]
    private static partial Regex Segment();
}
