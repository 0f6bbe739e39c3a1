using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Tasks.Video;

/// <summary>
/// Renders synthetic videos: a black background and filled squares or discs moving in straight lines at constant
/// speed. Shapes stay in frame and their swept paths never touch, so every shape is fully visible in every frame.
/// Everything is drawn from the given <see cref="Random"/>, so a seed fixes the clip.
/// </summary>
public sealed class MovingShapes
{
    const int PlacementAttempts = 200;

    public MovingShapes(int frames = 8, int size = 32)
    {
        if (frames < 2) throw new ArgumentOutOfRangeException(nameof(frames), frames, "motion needs at least 2 frames");
        if (size < 16) throw new ArgumentOutOfRangeException(nameof(size), size, "frames must be at least 16x16 to fit three moving shapes");
        Frames = frames;
        Size = size;
    }

    public int Frames { get; }
    public int Size { get; }

    int MinDiameter => Math.Max(3, Size / 8);
    int MaxDiameter => Math.Max(MinDiameter, Size / 4);
    int MinTravel => Math.Max(2, Size / 4);
    int MaxTravel => Size / 2;

    /// <summary>
    /// Places one shape per (colour, direction) at random sizes, kinds, speeds and positions, with swept paths at
    /// least one pixel apart.
    /// </summary>
    public IReadOnlyList<MovingShape> Place(Random random, IReadOnlyList<(ShapeColour Colour, MotionDirection Direction)> specs)
    {
        while (true)
        {
            var placed = new List<MovingShape>();
            foreach (var (colour, direction) in specs)
            {
                var shape = TryPlace(random, colour, direction, placed);
                if (shape is null) break;
                placed.Add(shape);
            }
            if (placed.Count == specs.Count) return placed;
        }
    }

    public VideoClip Render(IReadOnlyList<MovingShape> shapes)
    {
        var frameBytes = Size * Size * 3;
        var rgb = new byte[Frames * frameBytes];
        for (var frame = 0; frame < Frames; frame++)
        {
            foreach (var shape in shapes)
            {
                var (x, y) = shape.Position(frame, Frames);
                for (var py = Math.Max(0, y); py < Math.Min(Size, y + shape.Diameter); py++)
                for (var px = Math.Max(0, x); px < Math.Min(Size, x + shape.Diameter); px++)
                {
                    if (!shape.Covers(x, y, px, py)) continue;
                    var at = frame * frameBytes + (py * Size + px) * 3;
                    (rgb[at], rgb[at + 1], rgb[at + 2]) = (shape.Colour.R, shape.Colour.G, shape.Colour.B);
                }
            }
        }
        return new VideoClip(Frames, Size, Size, rgb);
    }

    MovingShape? TryPlace(Random random, ShapeColour colour, MotionDirection direction, List<MovingShape> placed)
    {
        for (var attempt = 0; attempt < PlacementAttempts; attempt++)
        {
            var kind = random.Next(2) == 0 ? ShapeKind.Square : ShapeKind.Disc;
            var diameter = random.Next(MinDiameter, MaxDiameter + 1);
            var travel = random.Next(MinTravel, Math.Min(MaxTravel, Size - diameter) + 1);
            // The start leaves room for the whole travel along the axis of motion, and any position across it.
            var along = random.Next(0, Size - diameter - travel + 1);
            var across = random.Next(0, Size - diameter + 1);
            var (x, y) = direction switch
            {
                MotionDirection.Left => (along + travel, across),
                MotionDirection.Right => (along, across),
                MotionDirection.Up => (across, along + travel),
                _ => (across, along),
            };
            var shape = new MovingShape(kind, colour, direction, diameter, x, y, travel);
            if (placed.All(other => Apart(shape.SweptBox, other.SweptBox))) return shape;
        }
        return null;
    }

    static bool Apart((int Left, int Top, int Right, int Bottom) a, (int Left, int Top, int Right, int Bottom) b) =>
        a.Right < b.Left || b.Right < a.Left || a.Bottom < b.Top || b.Bottom < a.Top;
}
