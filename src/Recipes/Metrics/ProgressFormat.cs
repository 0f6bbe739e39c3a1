using System.Globalization;
using System.Text;

namespace PostTrain.Recipes.Metrics;

/// <summary>The text of progress lines, shared by the terminal and the log form of <see cref="ProgressDisplay"/>.</summary>
internal static class ProgressFormat
{
    public const int BarWidth = 20;

    /// <summary><c>grpo [#####...............] 25/100  reward=0.41  elapsed 0:10  ETA 0:30</c></summary>
    public static string Bar(ProgressSnapshot s)
    {
        var filled = s.Total <= 0 ? 0 : (int)Math.Clamp(s.Done * BarWidth / s.Total, 0, BarWidth);
        var text = new StringBuilder();
        text.Append(s.Phase).Append(" [").Append('#', filled).Append('.', BarWidth - filled).Append("] ");
        return Tail(text.Append(Count(s)), s).ToString();
    }

    /// <summary><c>grpo 25/100 (25%)  reward=0.41  elapsed 0:10  ETA 0:30</c></summary>
    public static string Line(ProgressSnapshot s)
    {
        var text = new StringBuilder(s.Phase).Append(' ').Append(Count(s));
        if (s.Total > 0) text.Append(" (").Append(s.Percent.ToString(CultureInfo.InvariantCulture)).Append("%)");
        return Tail(text, s).ToString();
    }

    /// <summary><c>grpo done 100/100  reward=0.52  in 0:40</c></summary>
    public static string Completed(ProgressSnapshot s)
    {
        var text = new StringBuilder(s.Phase).Append(" done ").Append(Count(s));
        AppendFields(text, s.Fields);
        return text.Append("  in ").Append(Duration(s.Elapsed)).ToString();
    }

    /// <summary><c>0:07</c>, <c>12:05</c>, <c>1:02:03</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Round(span.TotalSeconds));
        var (h, m, sec) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{sec:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{sec:00}");
    }

    static string Count(ProgressSnapshot s) => s.Total > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{s.Done}/{s.Total}")
        : s.Done.ToString(CultureInfo.InvariantCulture);

    static StringBuilder Tail(StringBuilder text, ProgressSnapshot s)
    {
        AppendFields(text, s.Fields);
        text.Append("  elapsed ").Append(Duration(s.Elapsed));
        if (s.Total > 0) text.Append("  ETA ").Append(s.Eta is { } eta ? Duration(eta) : "?");
        return text;
    }

    static void AppendFields(StringBuilder text, IReadOnlyList<(string Name, string Value)> fields)
    {
        if (fields.Count == 0) return;
        text.Append(' ');
        foreach (var (name, value) in fields) text.Append(' ').Append(name).Append('=').Append(value);
    }
}
