using PostTrain.Core.Generation;
using PostTrain.Modeling.Tokenization;

namespace PostTrain.Rollout.Engine;

/// <summary>Decides, after each new token, whether a slot's request is done and why.</summary>
internal sealed class FinishRules(IReadOnlySet<int> eosTokenIds, ITextTokenizer? tokenizer, int capacity)
{
    public FinishReason? Check(SlotState slot)
    {
        var request = slot.Request;
        var token = slot.Generated[^1];
        if (eosTokenIds.Contains(token)) return FinishReason.Eos;
        if (request.Sampling.StopTokenIds.Contains(token)) return FinishReason.Stop;
        if (request.Sampling.StopStrings.Count > 0 && EndsInStopString(slot)) return FinishReason.Stop;
        if (slot.TotalGenerated >= request.Sampling.MaxNewTokens) return FinishReason.Length;
        // The pending token still needs a cache position; with none left the context is full.
        if (slot.CachedLength + 1 >= capacity) return FinishReason.Length;
        if (request.Budget is { } budget && slot.Generated.Count >= budget) return FinishReason.Budget;
        return null;
    }

    // A stop string is found the step it completes, so only the tail of the output needs decoding: enough tokens to
    // cover the longest stop string even if every token were a single byte.
    bool EndsInStopString(SlotState slot)
    {
        if (tokenizer is null) return false;
        var stops = slot.Request.Sampling.StopStrings;
        var window = stops.Max(s => System.Text.Encoding.UTF8.GetByteCount(s)) + 1;
        var all = slot.Request.PrefixIds.Concat(slot.Generated).ToList();
        var tail = tokenizer.Decode(all.Skip(Math.Max(0, all.Count - window)));
        return stops.Any(stop => tail.Contains(stop, StringComparison.Ordinal));
    }
}
