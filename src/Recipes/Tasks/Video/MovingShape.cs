namespace PostTrain.Recipes.Tasks.Video;

/// <summary>
/// A filled square or disc of <paramref name="Diameter"/> pixels whose bounding box starts with its top-left corner
/// at (<paramref name="StartX"/>, <paramref name="StartY"/>) and moves <paramref name="Travel"/> pixels in
/// <paramref name="Direction"/> over the clip, at constant speed (positions rounded to whole pixels).
/// </summary>
public sealed record MovingShape(ShapeKind Kind, ShapeColour Colour, MotionDirection Direction, int Diameter,
    int StartX, int StartY, int Travel)
{
    /// <summary>The top-left corner in frame <paramref name="frame"/> of <paramref name="frames"/>.</summary>
    public (int X, int Y) Position(int frame, int frames)
    {
        var offset = frames <= 1 ? 0 : (2 * Travel * frame + frames - 1) / (2 * (frames - 1));
        return Direction switch
        {
            MotionDirection.Left => (StartX - offset, StartY),
            MotionDirection.Right => (StartX + offset, StartY),
            MotionDirection.Up => (StartX, StartY - offset),
            _ => (StartX, StartY + offset),
        };
    }

    /// <summary>The box [left, top, right, bottom) that the shape sweeps over the whole clip.</summary>
    public (int Left, int Top, int Right, int Bottom) SweptBox
    {
        get
        {
            var (dx, dy) = Direction switch
            {
                MotionDirection.Left => (-Travel, 0),
                MotionDirection.Right => (Travel, 0),
                MotionDirection.Up => (0, -Travel),
                _ => (0, Travel),
            };
            return (Math.Min(StartX, StartX + dx), Math.Min(StartY, StartY + dy),
                Math.Max(StartX, StartX + dx) + Diameter, Math.Max(StartY, StartY + dy) + Diameter);
        }
    }

    /// <summary>Whether pixel (px, py) of a frame is covered when the shape's corner is at (x, y).</summary>
    public bool Covers(int x, int y, int px, int py)
    {
        if (px < x || py < y || px >= x + Diameter || py >= y + Diameter) return false;
        if (Kind == ShapeKind.Square) return true;
        var radius = Diameter / 2.0;
        var (dx, dy) = (px + 0.5 - x - radius, py + 0.5 - y - radius);
        return dx * dx + dy * dy <= radius * radius;
    }
}
