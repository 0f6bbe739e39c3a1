namespace PostTrain.Recipes.Tasks.Video;

/// <summary>
/// Questions about <see cref="MovingShapes"/> clips with one-word answers. The kind is drawn uniformly from the
/// configured kinds and the answer uniformly from its kind's classes before the scene is built around it, so
/// answers are balanced: direction (left/right/up/down, 1-3 shapes), colour (the palette, one shape), count (1-3).
/// </summary>
public sealed class MovingShapesQuestions
{
    public const string Direction = "direction";
    public const string Colour = "colour";
    public const string Count = "count";
    public const int MaxShapes = 3;

    public static IReadOnlyList<string> AllKinds { get; } = [Direction, Colour, Count];

    readonly MovingShapes _renderer;
    readonly IReadOnlyList<string> _kinds;

    public MovingShapesQuestions(int frames = 8, int size = 32, IReadOnlyList<string>? kinds = null)
    {
        _renderer = new MovingShapes(frames, size);
        _kinds = kinds ?? AllKinds;
        if (_kinds.Count == 0) throw new ArgumentException("at least one question kind is needed", nameof(kinds));
        var unknown = _kinds.Where(kind => !AllKinds.Contains(kind)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"unknown question kind(s) {string.Join(", ", unknown)}; expected {string.Join(", ", AllKinds)}", nameof(kinds));
    }

    public MovingShapes Renderer => _renderer;

    public VideoQuestion Next(Random random) => _kinds[random.Next(_kinds.Count)] switch
    {
        Direction => DirectionQuestion(random),
        Colour => ColourQuestion(random),
        _ => CountQuestion(random),
    };

    VideoQuestion DirectionQuestion(Random random)
    {
        var direction = RandomDirection(random);
        var colours = DistinctColours(random, random.Next(1, MaxShapes + 1));
        var specs = colours.Select((colour, i) => (colour, i == 0 ? direction : RandomDirection(random))).ToList();
        return Ask(random, specs, $"Which way does the {colours[0].Name} shape move?", Name(direction), Direction);
    }

    VideoQuestion ColourQuestion(Random random)
    {
        var colour = ShapeColour.Palette[random.Next(ShapeColour.Palette.Count)];
        return Ask(random, [(colour, RandomDirection(random))], "What colour is the moving shape?", colour.Name, Colour);
    }

    VideoQuestion CountQuestion(Random random)
    {
        var count = random.Next(1, MaxShapes + 1);
        var specs = DistinctColours(random, count).Select(colour => (colour, RandomDirection(random))).ToList();
        return Ask(random, specs, "How many shapes are there?", count.ToString(System.Globalization.CultureInfo.InvariantCulture), Count);
    }

    VideoQuestion Ask(Random random, IReadOnlyList<(ShapeColour, MotionDirection)> specs, string question, string answer, string kind)
    {
        var shapes = _renderer.Place(random, specs);
        return new(_renderer.Render(shapes), question, answer, kind, shapes);
    }

    static MotionDirection RandomDirection(Random random) => (MotionDirection)random.Next(4);

    static List<ShapeColour> DistinctColours(Random random, int count) =>
        ShapeColour.Palette.OrderBy(_ => random.Next()).Take(count).ToList();

    static string Name(MotionDirection direction) => direction.ToString().ToLowerInvariant();
}
