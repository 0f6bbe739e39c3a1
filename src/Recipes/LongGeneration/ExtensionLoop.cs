using PostTrain.Core.Seeding;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Self-Lengthen's extension micro-loop (TECHNIQUES section 6) over a batch of initial answers, with the Extender
/// active. Each round: the Extender expands the text's first half (its first paragraphs); the first two thirds of that
/// expansion become the start of a second answer, in which the Extender, shown the whole current text as its draft,
/// continues to the end. The result replaces the current text when it is longer, passes the response check, and was
/// not cut off at the length limit (a cut text ending on a full stop by chance is still unfinished).
/// </summary>
public sealed class ExtensionLoop(RoleWriter extender, int rounds)
{
    /// <param name="seed">Sample seeds derive from it, the round and the sample's index.</param>
    public ExtensionRounds Run(IReadOnlyList<(string Instruction, string Initial)> samples, long seed)
    {
        var current = samples.Select(s => s.Initial).ToArray();
        var accepted = 0;
        for (var round = 0; round < rounds; round++)
        {
            var expansions = extender.Write(samples.Select((s, i) =>
                new WritingRequest(SelfLengthenPrompts.Extender(s.Instruction, ExtensionSplit.FirstHalf(current[i]).Head), "", StableSeed.Of(seed, round, 0, i))).ToList());
            var continued = extender.Write(samples.Select((s, i) =>
                new WritingRequest(SelfLengthenPrompts.Extender(s.Instruction, current[i]), Start(expansions[i]), StableSeed.Of(seed, round, 1, i))).ToList());
            for (var i = 0; i < current.Length; i++)
            {
                if (continued[i].Truncated || !ExtensionSplit.Accept(current[i], continued[i].Text)) continue;
                current[i] = continued[i].Text;
                accepted++;
            }
        }
        return new ExtensionRounds(current, rounds * samples.Count, accepted);
    }

    // The kept two thirds, followed by a space so that the continuation starts a new word.
    static string Start(WrittenText expansion)
    {
        var kept = ExtensionSplit.KeepFirstTwoThirds(expansion.Text);
        return kept.Length == 0 ? "" : kept + " ";
    }
}
