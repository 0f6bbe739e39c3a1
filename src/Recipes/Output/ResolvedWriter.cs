using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PostTrain.Recipes.Schema;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Output;

/// <summary>Writes every key of a resolved recipe with its effective value (defaults included), as YAML or JSON.</summary>
public static partial class ResolvedWriter
{
    public static JsonObject ToJson(ResolvedRecipe r) => Section("", "", r);

    public static string Json(ResolvedRecipe r) => ToJson(r).ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Yaml(ResolvedRecipe r)
    {
        var text = new StringBuilder();
        WriteMapping(text, ToJson(r), 0, firstPrefix: null);
        return text.ToString();
    }

    static JsonObject Section(string schemaParent, string parent, ResolvedRecipe r)
    {
        var result = new JsonObject();
        foreach (var key in RecipeSchema.Children(schemaParent))
        {
            var path = parent.Length == 0 ? key.Name : $"{parent}.{key.Name}";
            result[key.Name] = key.Kind switch
            {
                KeyKind.Mapping => Section(key.Path, path, r),
                KeyKind.MappingList => new JsonArray(Enumerable.Range(0, r.Count(path))
                    .Select(i => (JsonNode)Section(key.Path + "[]", $"{path}[{i}]", r)).ToArray()),
                _ => Value(r[path]),
            };
        }
        return result;
    }

    static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string[] items => new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(value.ToString()),
    };

    static void WriteMapping(StringBuilder text, JsonObject mapping, int indent, string? firstPrefix)
    {
        var first = true;
        foreach (var (name, node) in mapping)
        {
            text.Append(first && firstPrefix is not null ? firstPrefix : new string(' ', indent));
            first = false;
            text.Append(name).Append(':');
            switch (node)
            {
                case JsonObject child:
                    text.Append('\n');
                    WriteMapping(text, child, indent + 2, null);
                    break;
                case JsonArray { Count: > 0 } list when list[0] is JsonObject:
                    text.Append('\n');
                    foreach (var item in list)
                        WriteMapping(text, (JsonObject)item!, indent + 4, new string(' ', indent + 2) + "- ");
                    break;
                case JsonArray list:
                    text.Append(" [").AppendJoin(", ", list.Select(Scalar)).Append("]\n");
                    break;
                default:
                    text.Append(' ').Append(Scalar(node)).Append('\n');
                    break;
            }
        }
        if (mapping.Count == 0) text.Append(firstPrefix ?? new string(' ', indent)).Append("{}\n");
    }

    static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => Plain().IsMatch(s) && s is not ("true" or "false" or "null") ? s : JsonSerializer.Serialize(s),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^[A-Za-z_/.][A-Za-z0-9_./:+-]*$")]
    private static partial Regex Plain();
}
