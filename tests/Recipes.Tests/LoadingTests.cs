using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests;

public sealed class LoadingTests
{
    [Fact]
    public void Bad_yaml_names_the_file_and_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse("model:\n  init:\n    arch: [qwen2\nrollout: 1\n", "bad.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.StartsWith("bad.yaml:", error.ToString());
        Assert.Contains("invalid YAML", error.Message);
        Assert.InRange(error.Origin.Line ?? 0, 3, 5);
    }

    [Fact]
    public void Bad_indentation_names_its_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse("model:\n  init:\n    arch: qwen2\n   bad: 1\n", "bad.yaml"));
        var error = Assert.Single(e.Errors).ToString();
        Assert.StartsWith("bad.yaml:4: invalid YAML: ", error);
    }

    [Fact]
    public void Missing_recipe_file_is_named()
    {
        using var folder = new RecipeFolder();
        var path = Path.Combine(folder.Path, "nope.yaml");
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Read(path));
        Assert.Equal($"{path}: recipe file not found", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Duplicate_key_names_its_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo + "\nalgorithm:\n  name: sft\n", "dup.yaml"));
        Assert.Contains("dup.yaml:", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void A_recipe_that_is_not_a_mapping_is_refused()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse("- a\n- b\n", "list.yaml"));
        Assert.Equal("list.yaml:1: a recipe is a mapping of sections (model:, rollout:, ...), got a list", Assert.Single(e.Errors).ToString());
    }
}
