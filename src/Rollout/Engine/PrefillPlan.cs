using PostTrain.Modeling.Configuration;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Splits sequences sorted longest first into runs that prefill together, at the least estimated cost. A run is
/// padded to its longest member, so it pays for padding in the projections and MLP (linear in its length) and in
/// attention (quadratic); each run also pays a fixed cost per call. Continued UloRL segments re-prefill prompt and
/// prefix, with lengths spread from a prompt to nearly max_response_length: there, a run too wide wastes more on
/// padding than a call costs, and a run too narrow pays for calls instead.
/// </summary>
public sealed class PrefillPlan
{
    readonly double _linearPerToken;
    readonly double _attentionPerPair;
    readonly double _perCall;

    /// <param name="callTokens">What one more prefill call costs, in tokens of prefill work.</param>
    public PrefillPlan(DecoderConfig config, int callTokens)
    {
        var attentionWidth = (long)config.NumAttentionHeads * config.HeadDim;
        var keyValueWidth = (long)config.NumKeyValueHeads * config.HeadDim;
        // Multiply-adds per token and layer: q, k, v and o projections, and the gated MLP's three matrices.
        _linearPerToken = config.HiddenSize * (2.0 * attentionWidth + 2.0 * keyValueWidth) + 3.0 * config.HiddenSize * config.IntermediateSize;
        // Per (query, key) pair a causal prefill computes: a score and a weighted value for every head.
        _attentionPerPair = 2.0 * attentionWidth;
        _perCall = callTokens * _linearPerToken;
    }

    /// <summary>Estimated work of prefilling <paramref name="count"/> sequences padded to <paramref name="longest"/>.</summary>
    public double Cost(int count, int longest) =>
        _perCall + count * (longest * _linearPerToken + longest * (longest + 1) / 2.0 * _attentionPerPair);

    /// <summary>Consecutive runs (start, count) covering <paramref name="lengths"/> (longest first) at the least total cost.</summary>
    public IReadOnlyList<(int Start, int Count)> Runs(IReadOnlyList<int> lengths)
    {
        var n = lengths.Count;
        // best[i]: least cost of prefilling the first i sequences; a run starting at j has lengths[j] as its longest.
        var best = new double[n + 1];
        var cut = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            best[i] = double.PositiveInfinity;
            for (var j = 0; j < i; j++)
            {
                var cost = best[j] + Cost(i - j, lengths[j]);
                if (cost < best[i]) (best[i], cut[i]) = (cost, j);
            }
        }
        var runs = new List<(int Start, int Count)>();
        for (var i = n; i > 0; i = cut[i]) runs.Add((cut[i], i - cut[i]));
        runs.Reverse();
        return runs;
    }
}
