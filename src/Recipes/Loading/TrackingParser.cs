using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PostTrain.Recipes.Loading;

/// <summary>
/// Remembers where the last parsed event ended, so that a failure YamlDotNet reports without a position
/// (an unclosed flow collection throws a bare InvalidOperationException) still gets a line.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current) LastEnd = current.End;
        return moved;
    }
}
