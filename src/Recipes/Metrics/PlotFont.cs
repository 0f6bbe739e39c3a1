using SkiaSharp;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Picks the font plots are labelled in. The Skia natives used here read font files from /usr/share/fonts without
/// fontconfig, and on Linux Skia's default face is simply the first family found (often a serif one), so a common
/// sans-serif family is preferred when installed. A machine with no fonts at all (a bare Debian image) still gets
/// its plots, only without text.
/// </summary>
internal static class PlotFont
{
    static readonly string[] Preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica"];

    static readonly Lazy<(string? Family, bool Any)> Found = new(() =>
    {
        var families = SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        return (Preferred.FirstOrDefault(families.Contains), families.Count > 0);
    });

    /// <summary>The preferred family that is installed, or null to keep ScottPlot's default.</summary>
    public static string? Family => Found.Value.Family;

    /// <summary>Whether any font is installed, that is whether plots can carry titles, labels and numbers.</summary>
    public static bool Any => Found.Value.Any;
}
