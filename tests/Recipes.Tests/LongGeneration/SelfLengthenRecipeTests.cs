using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests.LongGeneration;

/// <summary><c>algorithm.name: self_lengthen</c>: its keys, their defaults, and what it refuses.</summary>
public sealed class SelfLengthenRecipeTests
{
    const string Recipe = """
        model:
          init:
            arch: qwen2
        data:
          train:
            task: long_writing
        algorithm:
          name: self_lengthen
        learner:
          lora:
            enabled: true
        """;

    [Fact]
    public void DefaultsAreThePapers()
    {
        var options = RecipeReader.Parse(Recipe, "RECIPE.yaml").Algorithm.SelfLengthen;
        Assert.Equal((3, 3, 1.2, 0.8, 3), (options.Iterations, options.MicroRounds, options.MinGrowth, options.LineKeep, options.Epochs));
    }

    [Fact]
    public void KeysBindAndOutOfRangeValuesAreReported()
    {
        var options = RecipeReader.Parse(Recipe, "RECIPE.yaml", ["algorithm.self_lengthen.iterations=5", "algorithm.self_lengthen.min_growth=1.5"])
            .Algorithm.SelfLengthen;
        Assert.Equal((5, 1.5), (options.Iterations, options.MinGrowth));

        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe, "RECIPE.yaml", ["algorithm.self_lengthen.line_keep=0"]));
        Assert.Contains("algorithm.self_lengthen.line_keep", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void WithoutLoraItIsRefusedBeforeAnyWork()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe.Replace("enabled: true", "enabled: false"), "RECIPE.yaml"));
        Assert.Equal("RECIPE.yaml:11: learner.lora.enabled: algorithm self_lengthen trains two LoRA adapters (Generator and Extender); set learner.lora.enabled: true",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void TheShippedRecipeValidates()
    {
        var r = RecipeReader.Read(Path.Combine(AppContext.BaseDirectory, "recipes", "self-lengthen.yaml"));
        Assert.Equal(AlgorithmKind.SelfLengthen, r.Algorithm.Kind);
        Assert.Equal(3, r.Algorithm.SelfLengthen.Iterations);
        Assert.NotNull(r.Lora);
        Assert.Equal("long_writing", r.Data.Warmup!.Task);
    }
}
