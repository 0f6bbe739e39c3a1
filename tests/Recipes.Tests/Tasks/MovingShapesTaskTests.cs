using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Tasks;
using PostTrain.Recipes.Tasks.Video;

namespace PostTrain.Recipes.Tests.Tasks;

/// <summary><c>moving_shapes</c> as a built-in task: a video prompt with its marker, a think-then-answer solution.</summary>
public sealed class MovingShapesTaskTests
{
    [Fact]
    public void EachProblemShowsAVideoAndAnswersThinkThenAnswer()
    {
        var problems = BuiltinTasks.Generate(BuiltinTasks.For(new DataSource(null, "moving_shapes", 0, 0) { Frames = 4 }, imageSize: 16), count: 60, seed: 1);

        Assert.All(problems, p =>
        {
            Assert.StartsWith(MovingShapesTask.VideoMarker + "\n", p.Prompt);
            Assert.Equal((4, 16, 16), (p.Video!.Frames, p.Video.Height, p.Video.Width));
            Assert.Matches(@"^<think>[a-z0-9 ]+</think><answer>[a-z0-9]+</answer>$", p.Solution);
            Assert.EndsWith($"<answer>{p.GroundTruth}</answer>", p.Solution);
            Assert.StartsWith($"moving_shapes:{p.Video.ContentHash[..16]}:", p.Id);
        });
        Assert.Equal(["colour", "count", "direction"], problems.Select(p => p.Metadata["kind"]).Distinct().Order());
        var again = BuiltinTasks.Generate(BuiltinTasks.For(new DataSource(null, "moving_shapes", 0, 0) { Frames = 4 }, imageSize: 16), count: 60, seed: 1);
        Assert.Equal(problems.Select(p => p.Id), again.Select(p => p.Id));
    }
}
