using PostTrain.Recipes.Loading;
using PostTrain.Recipes.Schema;

namespace PostTrain.Recipes.Validation;

/// <summary>
/// Checks a recipe tree against <see cref="RecipeSchema"/>, collecting every error, and fills in defaults.
/// Cross-key rules (one of model.path and model.init, ...) are in <see cref="RecipeRules"/>.
/// </summary>
public static class RecipeValidator
{
    public static (ResolvedRecipe Resolved, IReadOnlyList<RecipeError> Errors) Validate(RecipeMapping root, string file)
    {
        var resolved = new ResolvedRecipe(file);
        var errors = new List<RecipeError>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        Walk(root, "", "", resolved, errors, folder);
        FillDefaults("", "", resolved, errors);
        errors.AddRange(RecipeRules.Check(resolved));
        return (resolved, errors);
    }

    static void Walk(RecipeMapping mapping, string schemaParent, string parent, ResolvedRecipe resolved, List<RecipeError> errors, string folder)
    {
        foreach (var entry in mapping.Entries)
        {
            var schemaPath = Join(schemaParent, entry.Key);
            var path = Join(parent, entry.Key);
            if (RecipeSchema.Find(schemaPath) is not { } key)
            {
                var message = KeySuggester.ForKey(schemaParent, parent, entry.Key) is { } near
                    ? $"unknown key; did you mean '{near}'?"
                    : $"unknown key; known keys here: {string.Join(", ", RecipeSchema.Children(schemaParent).Select(k => k.Name))}";
                errors.Add(new RecipeError(entry.KeyOrigin, path, message));
                continue;
            }
            if (entry.Value is RecipeScalar { IsNull: true }) continue;
            resolved.MarkGiven(path, entry.KeyOrigin);
            switch (key.Kind)
            {
                case KeyKind.Mapping when entry.Value is RecipeMapping section:
                    Walk(section, schemaPath, path, resolved, errors, folder);
                    break;
                case KeyKind.MappingList when entry.Value is RecipeSequence list:
                    resolved.SetCount(path, list.Items.Count);
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        var itemPath = $"{path}[{i}]";
                        if (list.Items[i] is not RecipeMapping item)
                        {
                            errors.Add(new RecipeError(list.Items[i].Origin, itemPath, $"expected a mapping, got {list.Items[i].Describe()}"));
                            continue;
                        }
                        resolved.MarkGiven(itemPath, item.Origin);
                        Walk(item, schemaPath + "[]", itemPath, resolved, errors, folder);
                        FillDefaults(schemaPath + "[]", itemPath, resolved, errors);
                    }
                    break;
                case KeyKind.Mapping or KeyKind.MappingList:
                    errors.Add(new RecipeError(entry.Value.Origin, path, $"expected {key.Expected()}, got {entry.Value.Describe()}"));
                    break;
                default:
                    var (value, error) = ValueReader.Read(key, entry.Value, folder);
                    if (error is not null) errors.Add(new RecipeError(entry.Value.Origin, path, error));
                    else resolved.Set(path, value);
                    break;
            }
        }
    }

    /// <summary>Gives every key not set its default; a required key missing from a section that is given is an error.</summary>
    static void FillDefaults(string schemaParent, string parent, ResolvedRecipe resolved, List<RecipeError> errors)
    {
        foreach (var key in RecipeSchema.Children(schemaParent))
        {
            var path = Join(parent, key.Name);
            if (key.Required && resolved.IsGiven(parent) && !resolved.IsGiven(path))
                errors.Add(new RecipeError(resolved.OriginOf(parent), path, $"missing required key ({key.Description}: {key.Expected()})"));
            if (key.Kind == KeyKind.Mapping) FillDefaults(key.Path, path, resolved, errors);
            else if (key.Kind != KeyKind.MappingList && !resolved.Has(path) && !resolved.IsGiven(path)) resolved.Set(path, key.Default);
        }
    }

    static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";
}
