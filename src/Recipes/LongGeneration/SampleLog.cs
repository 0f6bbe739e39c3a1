using System.Text.Json.Nodes;
using PostTrain.Modeling.Checkpoints;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Every sample a macro-iteration tried, one JSON object a line: instruction, initial and extended text with their
/// word counts, whether it grew past min_growth (<c>accepted</c>) and whether drop_short kept it (<c>kept</c>).
/// </summary>
public static class SampleLog
{
    public static void Write(string path, IReadOnlyList<LengthSample> samples, IReadOnlyList<LengthSample> accepted, IReadOnlyList<LengthSample> kept)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var acceptedSet = accepted.ToHashSet(ReferenceEqualityComparer.Instance);
        var keptSet = kept.ToHashSet(ReferenceEqualityComparer.Instance);
        var lines = samples.Select(s => new JsonObject
        {
            ["instruction"] = s.Instruction,
            ["initial"] = s.Initial,
            ["initial_words"] = s.InitialWords,
            ["extended"] = s.Extended,
            ["extended_words"] = s.ExtendedWords,
            ["accepted"] = acceptedSet.Contains(s),
            ["kept"] = keptSet.Contains(s),
        }.ToJsonString());
        AtomicFile.WriteText(path, string.Concat(lines.Select(l => l + "\n")));
    }
}
