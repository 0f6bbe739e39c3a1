using System.Text.Json.Nodes;
using PostTrain.Actors.Contracts;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests.Pipelines;

public sealed class LengthScheduleTests
{
    [Fact]
    public void EachStageAppliesFromItsStepOnTopOfTheOnesBefore()
    {
        var schedule = new LengthSchedule([new LengthStage(3, 64, null), new LengthStage(5, null, 4)]);
        var initial = new RolloutSettings { MaxResponseLength = 32, Segments = 2 };

        Assert.Same(initial, schedule.At(initial, 2));
        Assert.Equal((64, 2), (schedule.At(initial, 3).MaxResponseLength, schedule.At(initial, 4).Segments));
        Assert.Equal((64, 4), (schedule.At(initial, 9).MaxResponseLength, schedule.At(initial, 9).Segments));
    }

    [Fact]
    public void StagesOutOfOrderAreARecipeError()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo + """

            rollout:
              schedule:
                - {from_step: 5, max_response_length: 16}
                - {from_step: 3, max_response_length: 32}
            """, "RECIPE.yaml"));

        Assert.Equal("RECIPE.yaml:14: rollout.schedule[1].from_step: expected a step after the previous stage's (5), got 3",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AStageWithMoreSegmentsThanTokensIsARecipeError()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo + """

            rollout:
              schedule:
                - {from_step: 2, max_response_length: 16, segments: 32}
            """, "RECIPE.yaml"));

        Assert.Equal("RECIPE.yaml:13: rollout.schedule[0].segments: must be between 1 and max_response_length (16), got 32",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AGrpoRunGrowsItsLengthsOnSchedule()
    {
        using var folder = new RecipeFolder();
        var result = TinyRuns.Run(folder, TinyRuns.Grpo(steps: 5, extra: """
            guards: {truncation_steps: 1000}
            """), overrides: ["rollout.max_response_length=4", "rollout.segments=1",
            "rollout.schedule=[{from_step: 3, max_response_length: 12, segments: 2}]"]);

        var rows = File.ReadAllLines(result.Folder.Metrics).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(r => (string)r["phase"]! == "grpo").ToList();
        Assert.All(rows.Take(2), r => Assert.Equal((4.0, 1.0, true), ((double)r["max_response_length"]!, (double)r["segments"]!, (double)r["response_length_max"]! <= 4)));
        Assert.All(rows.Skip(2), r => Assert.Equal((12.0, 2.0), ((double)r["max_response_length"]!, (double)r["segments"]!)));
        Assert.Contains(rows.Skip(2), r => (double)r["response_length_max"]! > 4);
        Assert.Equal(0L, (long)TinyRuns.Summary(result)["samples"]!["lost"]!);
    }
}
