namespace PostTrain.Recipes.Tasks.Video;

/// <summary>A named, saturated colour that a one-word answer can state and a pixel test can recognise exactly.</summary>
public sealed record ShapeColour(string Name, byte R, byte G, byte B)
{
    public static IReadOnlyList<ShapeColour> Palette { get; } =
    [
        new("red", 255, 0, 0),
        new("green", 0, 255, 0),
        new("blue", 0, 0, 255),
        new("yellow", 255, 255, 0),
        new("white", 255, 255, 255),
        new("magenta", 255, 0, 255),
        new("cyan", 0, 255, 255),
    ];
}
