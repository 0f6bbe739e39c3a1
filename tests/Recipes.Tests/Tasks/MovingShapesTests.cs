using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Tasks.Video;

namespace PostTrain.Recipes.Tests.Tasks;

/// <summary>Moving-shapes clips: deterministic, in frame, and every answer agrees with the rendered pixels.</summary>
public sealed class MovingShapesTests
{
    static readonly ShapeColour Red = ShapeColour.Palette.Single(c => c.Name == "red");

    [Fact]
    public void TheSameSeedGivesTheSameClipsAndQuestions()
    {
        var questions = new MovingShapesQuestions();
        var first = Enumerable.Range(0, 30).Select(_ => questions.Next(new Random(9))).ToList();
        var random = new Random(9);
        var again = new Random(9);

        var a = Enumerable.Range(0, 30).Select(_ => questions.Next(random)).ToList();
        var b = Enumerable.Range(0, 30).Select(_ => questions.Next(again)).ToList();

        Assert.Equal(a.Select(Describe), b.Select(Describe));
        Assert.True(a.Select(q => q.Clip.ContentHash).Distinct().Count() > 25, "clips should differ from one another");
        Assert.Single(first.Select(Describe).Distinct());
    }

    [Fact]
    public void ADiscIsDrawnRoundAndMovesAtConstantSpeed()
    {
        var renderer = new MovingShapes(frames: 8, size: 16);
        var disc = new MovingShape(ShapeKind.Disc, Red, MotionDirection.Right, Diameter: 4, StartX: 2, StartY: 3, Travel: 7);

        var clip = renderer.Render([disc]);

        // A diameter-4 disc covers its 4x4 box less the four corners.
        var expected = new HashSet<(int, int)>();
        for (var y = 3; y < 7; y++)
        for (var x = 2; x < 6; x++)
            if (!((x == 2 || x == 5) && (y == 3 || y == 6))) expected.Add((x, y));
        for (var frame = 0; frame < 8; frame++)
            Assert.Equal(expected.Select(p => (p.Item1 + frame, p.Item2)).ToHashSet(), Pixels(clip, frame, Red).ToHashSet());
    }

    [Fact]
    public void ShapesStayInFrameAndNeverOverlap()
    {
        var renderer = new MovingShapes(frames: 12, size: 24);
        var random = new Random(3);
        for (var scene = 0; scene < 200; scene++)
        {
            var colours = ShapeColour.Palette.OrderBy(_ => random.Next()).Take(3).ToList();
            var shapes = renderer.Place(random, colours.Select(c => (c, (MotionDirection)random.Next(4))).ToList());
            var clip = renderer.Render(shapes);

            foreach (var shape in shapes)
            {
                var (left, top, right, bottom) = shape.SweptBox;
                Assert.True(left >= 0 && top >= 0 && right <= 24 && bottom <= 24, $"{shape} leaves the frame");
                // Fully visible in every frame: the same number of its pixels each time, none hidden by another shape.
                var counts = Enumerable.Range(0, 12).Select(frame => Pixels(clip, frame, shape.Colour).Count).Distinct().ToList();
                Assert.Single(counts);
                Assert.True(counts[0] >= 9, $"{shape} covers only {counts[0]} pixels");
            }
        }
    }

    [Fact]
    public void EveryAnswerAgreesWithTheRenderedPixels()
    {
        var questions = new MovingShapesQuestions();
        var random = new Random(17);
        for (var i = 0; i < 300; i++)
        {
            var question = questions.Next(random);
            var clip = question.Clip;
            Assert.Equal((8, 32, 32), (clip.Frames, clip.Height, clip.Width));
            var present = ColoursIn(clip, 0);
            switch (question.Kind)
            {
                case MovingShapesQuestions.Direction:
                    var named = ShapeColour.Palette.Single(c => question.Question == $"Which way does the {c.Name} shape move?");
                    Assert.Contains(named, present);
                    Assert.Equal(question.Answer, DirectionOf(clip, named));
                    break;
                case MovingShapesQuestions.Colour:
                    Assert.Equal("What colour is the moving shape?", question.Question);
                    Assert.Equal([question.Answer], present.Select(c => c.Name));
                    break;
                default:
                    Assert.Equal("How many shapes are there?", question.Question);
                    Assert.Equal(question.Answer, present.Count.ToString());
                    break;
            }
            Assert.DoesNotContain(' ', question.Answer);
        }
    }

    [Fact]
    public void AnswerClassesAreBalanced()
    {
        var questions = new MovingShapesQuestions(frames: 4, size: 16);
        var random = new Random(23);
        var drawn = Enumerable.Range(0, 4200).Select(_ => questions.Next(random)).ToList();

        foreach (var kind in drawn.GroupBy(q => q.Kind))
        {
            Assert.InRange(kind.Count(), 1250, 1550);
            var classes = kind.GroupBy(q => q.Answer).ToDictionary(g => g.Key, g => g.Count());
            var expectedClasses = kind.Key switch
            {
                MovingShapesQuestions.Direction => ["left", "right", "up", "down"],
                MovingShapesQuestions.Colour => ShapeColour.Palette.Select(c => c.Name).ToArray(),
                _ => new[] { "1", "2", "3" },
            };
            Assert.Equal(expectedClasses.Order(), classes.Keys.Order());
            var mean = kind.Count() / (double)classes.Count;
            Assert.All(classes, c => Assert.InRange(c.Value, mean * 0.8, mean * 1.2));
        }
    }

    [Fact]
    public void TheOptionsChooseFramesSizeAndKinds()
    {
        var questions = new MovingShapesQuestions(frames: 5, size: 20, kinds: [MovingShapesQuestions.Count]);
        var random = new Random(1);

        var drawn = Enumerable.Range(0, 20).Select(_ => questions.Next(random)).ToList();

        Assert.All(drawn, q => Assert.Equal((MovingShapesQuestions.Count, 5, 20, 20), (q.Kind, q.Clip.Frames, q.Clip.Height, q.Clip.Width)));
        Assert.Contains("unknown question kind(s) shape; expected direction, colour, count",
            Assert.Throws<ArgumentException>(() => new MovingShapesQuestions(kinds: ["shape"])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovingShapesQuestions(frames: 1));
    }

    static string Describe(VideoQuestion q) => $"{q.Kind}|{q.Question}|{q.Answer}|{q.Clip.ContentHash}";

    static List<(int X, int Y)> Pixels(VideoClip clip, int frame, ShapeColour colour)
    {
        var found = new List<(int, int)>();
        for (var y = 0; y < clip.Height; y++)
        for (var x = 0; x < clip.Width; x++)
        {
            var at = ((frame * clip.Height + y) * clip.Width + x) * 3;
            if (clip.Rgb[at] == colour.R && clip.Rgb[at + 1] == colour.G && clip.Rgb[at + 2] == colour.B) found.Add((x, y));
        }
        return found;
    }

    static List<ShapeColour> ColoursIn(VideoClip clip, int frame)
    {
        var present = ShapeColour.Palette.Where(c => Pixels(clip, frame, c).Count > 0).ToList();
        var coloured = present.Sum(c => Pixels(clip, frame, c).Count);
        var black = Enumerable.Range(0, clip.Height * clip.Width)
            .Count(p => clip.Rgb.AsSpan((frame * clip.Height * clip.Width + p) * 3, 3).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(clip.Height * clip.Width, coloured + black); // nothing but palette colours on black
        return present;
    }

    // The centroid of the colour's pixels from the first frame to the last.
    static string DirectionOf(VideoClip clip, ShapeColour colour)
    {
        var first = Pixels(clip, 0, colour);
        var last = Pixels(clip, clip.Frames - 1, colour);
        var dx = last.Average(p => p.X) - first.Average(p => p.X);
        var dy = last.Average(p => p.Y) - first.Average(p => p.Y);
        Assert.True((dx == 0) != (dy == 0), $"{colour.Name} should move along exactly one axis (dx {dx}, dy {dy})");
        return dx < 0 ? "left" : dx > 0 ? "right" : dy < 0 ? "up" : "down";
    }
}
