using PostTrain.Recipes.Tasks;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests.Tasks;

/// <summary>
/// The long_cot and short_cot settings in a recipe's data sources: bound and used to generate the problems, and
/// refused with the key and the reason when they are out of range or given to a source they do not apply to.
/// </summary>
public sealed class LongCotSettingsTests
{
    const string Recipe = """
        model:
          init:
            arch: qwen2
        data:
          train:
            task: long_cot
        algorithm:
          name: sft
        """;

    static string With(string settings) => Recipe.Replace("    task: long_cot", "    task: long_cot\n" + settings);

    static IReadOnlyList<string> Errors(string text)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(text, "RECIPE.yaml", []));
        return e.Errors.Select(x => x.ToString()).ToList();
    }

    [Fact]
    public void TheSettingsShapeTheGeneratedProblems()
    {
        var recipe = RecipeReader.Parse(With("""
                min_operations: 4
                max_operations: 4
                max_value: 30
                max_operand: 13
                check_probability: 1
                backtrack_probability: 0
            """), "RECIPE.yaml", []);

        var task = Assert.IsType<LongCotTask>(BuiltinTasks.For(recipe.Data.Train));
        Assert.Equal((4, 4, 30, 13, 1.0, 0.0),
            (task.MinOperations, task.MaxOperations, task.MaxValue, task.MaxOperand, task.CheckProbability, task.BacktrackProbability));
        foreach (var problem in BuiltinTasks.Generate(task, 50, seed: 1))
        {
            var trace = CotTrace.Parse(problem.Solution);
            Assert.Equal(8, trace.Steps.Count);
            Assert.Equal(4, trace.Steps.Count(s => s.StartsWith("Step ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void ShortCotHasNoChecksUnlessAskedForSome()
    {
        var plain = (LongCotTask)BuiltinTasks.Get("short_cot");
        var recipe = RecipeReader.Parse(Recipe.Replace("long_cot", "short_cot\n    check_probability: 0.2\n    backtrack_probability: 0.05"), "RECIPE.yaml", []);
        var reflecting = (LongCotTask)BuiltinTasks.For(recipe.Data.Train);

        Assert.Equal((0.0, 0.0), (plain.CheckProbability, plain.BacktrackProbability));
        Assert.Equal((0.2, 0.05), (reflecting.CheckProbability, reflecting.BacktrackProbability));
        Assert.Equal("short_cot", reflecting.Name);
    }

    [Fact]
    public void OutOfRangeSettingsAreReportedAgainstTheirKeys()
    {
        Assert.Equal(["RECIPE.yaml:8: data.train.max_operations: must be at least min_operations (3), got 2"],
            Errors(With("    min_operations: 3\n    max_operations: 2")));
        Assert.Equal(["RECIPE.yaml:7: data.train.max_value: must be at least max_operand (12), so that every operand fits some value, got 10"],
            Errors(With("    max_value: 10\n    max_operand: 12")));
        Assert.Equal(["RECIPE.yaml:7: data.train.check_probability: expected a number in [0, 1], got '1.5'"],
            Errors(With("    check_probability: 1.5")));
    }

    [Fact]
    public void ChainSettingsApplyOnlyToTheChainOfThoughtTasks()
    {
        Assert.Equal(["RECIPE.yaml:7: data.train.max_value: applies to the long_cot and short_cot tasks, not to arithmetic"],
            Errors(Recipe.Replace("long_cot", "arithmetic\n    max_value: 10")));
    }
}
