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
            Assert.Matches(@"^<think>[a-z0-9 ,.]+</think><answer>[a-z0-9]+</answer>$", p.Solution);
            Assert.EndsWith($"<answer>{p.GroundTruth}</answer>", p.Solution);
            Assert.StartsWith($"moving_shapes:{p.Video.ContentHash[..16]}:", p.Id);
            // The worked answer says what each shape does, the asked-about one first, then concludes.
            var think = p.Solution[7..p.Solution.IndexOf("</think>", StringComparison.Ordinal)];
            var seen = think[..think.IndexOf(". so ", StringComparison.Ordinal)].Split(", ");
            Assert.All(seen, s => Assert.Matches(@"^[a-z]+ moves (left|right|up|down)$", s));
            Assert.EndsWith($". so {p.GroundTruth}", think);
            switch (p.Metadata["kind"])
            {
                case "count": Assert.Equal(p.GroundTruth, seen.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                case "colour": Assert.Equal($"{p.GroundTruth} moves", seen.Single()[..(p.GroundTruth!.Length + 6)]); break;
                default:
                    Assert.EndsWith($" moves {p.GroundTruth}", seen[0]);
                    Assert.Contains($"the {seen[0].Split(' ')[0]} shape", p.Prompt);
                    break;
            }
        });
        Assert.Equal(["colour", "count", "direction"], problems.Select(p => p.Metadata["kind"]).Distinct().Order());
        var again = BuiltinTasks.Generate(BuiltinTasks.For(new DataSource(null, "moving_shapes", 0, 0) { Frames = 4 }, imageSize: 16), count: 60, seed: 1);
        Assert.Equal(problems.Select(p => p.Id), again.Select(p => p.Id));
    }

    [Fact]
    public void UnmarkedAnswersLeaveThatShareOfAnswersOutsideTheirTags()
    {
        static IReadOnlyList<TaskProblem> Problems(double unmarked) => BuiltinTasks.Generate(
            BuiltinTasks.For(new DataSource(null, "moving_shapes", 0, 0) { Frames = 4, UnmarkedAnswers = unmarked }, imageSize: 16), count: 400, seed: 1);

        var unmarked = Problems(0.4).Where(p => !p.Solution.Contains("<answer>", StringComparison.Ordinal)).ToList();
        Assert.InRange(unmarked.Count, 130, 190); // 160 expected; binomial sd about 10
        Assert.All(unmarked, p => Assert.EndsWith($". so {p.GroundTruth}</think>{p.GroundTruth}", p.Solution));
        Assert.All(Problems(1), p => Assert.DoesNotContain("<answer>", p.Solution));
        Assert.All(Problems(0), p => Assert.EndsWith($"<answer>{p.GroundTruth}</answer>", p.Solution));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovingShapesTask(unmarkedAnswers: 1.5));
    }
}
