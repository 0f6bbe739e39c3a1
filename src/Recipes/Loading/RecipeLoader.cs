using System.Text.RegularExpressions;
using PostTrain.Recipes.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PostTrain.Recipes.Loading;

/// <summary>Reads a recipe file into a <see cref="RecipeMapping"/> whose every node knows its line.</summary>
public static partial class RecipeLoader
{
    /// <summary>Loads <paramref name="path"/>; a missing file or bad YAML is a <see cref="RecipeException"/>.</summary>
    public static RecipeMapping Load(string path)
    {
        if (!File.Exists(path))
            throw new RecipeException([new RecipeError(RecipeOrigin.WholeFile(path), "", "recipe file not found")]);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses recipe text; <paramref name="source"/> names it in messages.</summary>
    public static RecipeMapping Parse(TextReader reader, string source)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(reader));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            throw new RecipeException([new RecipeError(RecipeOrigin.InFile(source, line), "", $"invalid YAML: {Clean(e)}")]);
        }
        catch (InvalidOperationException)
        {
            throw new RecipeException([new RecipeError(RecipeOrigin.InFile(source, Math.Max(1, (int)parser.LastEnd.Line)), "",
                "invalid YAML after this line (an unclosed [ or { ?)")]);
        }
        if (stream.Documents.Count == 0) return new RecipeMapping(RecipeOrigin.InFile(source, 1));
        if (stream.Documents.Count > 1)
            throw new RecipeException([new RecipeError(RecipeOrigin.InFile(source, (int)stream.Documents[1].RootNode.Start.Line), "",
                "a recipe is one YAML document; found a second one")]);
        var root = Convert(stream.Documents[0].RootNode, source);
        return root as RecipeMapping ?? throw new RecipeException([new RecipeError(root.Origin, "",
            $"a recipe is a mapping of sections (model:, rollout:, ...), got {root.Describe()}")]);
    }

    /// <summary>Converts a parsed node; <paramref name="origin"/> replaces the node's own place when given (overrides).</summary>
    internal static RecipeNode Convert(YamlNode node, string source, RecipeOrigin? origin = null)
    {
        var at = origin ?? RecipeOrigin.InFile(source, (int)node.Start.Line);
        switch (node)
        {
            case YamlScalarNode scalar:
                return new RecipeScalar(scalar.Value ?? "", scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any), at);
            case YamlSequenceNode sequence:
                return new RecipeSequence(at, sequence.Children.Select(c => Convert(c, source, origin)).ToList());
            case YamlMappingNode mapping:
                var result = new RecipeMapping(at);
                foreach (var (key, value) in mapping.Children)
                {
                    var keyOrigin = origin ?? RecipeOrigin.InFile(source, (int)key.Start.Line);
                    var name = key is YamlScalarNode { Value: { } text } ? text : key.ToString();
                    if (result.Find(name) is not null)
                        throw new RecipeException([new RecipeError(keyOrigin, name, "duplicate key")]);
                    result.Set(name, keyOrigin, Convert(value, source, origin));
                }
                return result;
            default:
                return new RecipeScalar("", false, at);
        }
    }

    // YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " before its message; the recipe error names the line itself.
    static string Clean(YamlException e) => Position().Replace(e.Message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex Position();
}
