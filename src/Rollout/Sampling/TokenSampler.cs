using static TorchSharp.torch;

namespace PostTrain.Rollout.Sampling;

/// <summary>
/// Turns a batch of float32 logits [n, vocab] into one token per row, each row with its own parameters, in the order
/// of transformers' processors: repetition penalty, temperature, top-k, top-p. The returned log-probability is the
/// chosen token's under the distribution actually sampled from (after temperature and truncation, renormalised);
/// for greedy rows it is under the penalised logits at temperature 1. Draws come from <see cref="CounterRandom"/>
/// by inverse-CDF, so a row's choice depends only on its logits, seed and step.
/// </summary>
public static class TokenSampler
{
    /// <param name="seen">Bool [n, vocab]: tokens already in each row's prompt or output (repetition penalty).</param>
    public static SampledTokens Sample(Tensor logits, IReadOnlyList<SamplingRow> rows, Tensor? seen = null)
    {
        using var scope = NewDisposeScope();
        var n = rows.Count;
        var device = logits.device;
        var raw = logits;
        if (seen is not null && rows.Any(r => r.Parameters.RepetitionPenalty != 1.0))
            logits = ApplyRepetitionPenalty(logits, seen, Column(rows.Select(r => r.Parameters.RepetitionPenalty), device));

        var temperatures = Column(rows.Select(r => r.Parameters.IsGreedy ? 1.0 : r.Parameters.Temperature), device);
        var scaled = logits / temperatures;
        var (candidates, candidateIds) = Truncate(scaled, rows);
        var uniforms = Column(rows.Select(r => CounterRandom.Uniform(r.Parameters.Seed, r.Step)), device);
        var probabilities = candidates.softmax(-1);
        var cumulative = probabilities.cumsum(-1);
        // Scaling the draw by the last cumulative value (1 up to rounding) keeps it inside the mass, so the
        // search never lands on a token of probability 0.
        var total = cumulative.narrow(-1, cumulative.shape[^1] - 1, 1);
        var choice = searchsorted(cumulative, uniforms * total, right: true).clamp_max(candidates.shape[^1] - 1);
        // log of the float32 probability: about 1e-7 absolute error, and no second pass over the vocabulary.
        var chosenLogProbs = probabilities.gather(-1, choice).squeeze(-1).log().cpu().data<float>().ToArray();
        var tokens = (candidateIds is null ? choice : candidateIds.gather(-1, choice)).squeeze(-1).cpu().data<long>().ToArray();

        if (rows.Any(r => r.Parameters.IsGreedy))
        {
            var best = logits.argmax(-1, keepdim: true);
            var bestIds = best.squeeze(-1).cpu().data<long>().ToArray();
            var bestLogProbs = (logits.gather(-1, best).squeeze(-1) - logits.logsumexp(-1)).cpu().data<float>().ToArray();
            for (var i = 0; i < n; i++)
            {
                if (!rows[i].Parameters.IsGreedy) continue;
                tokens[i] = bestIds[i];
                chosenLogProbs[i] = bestLogProbs[i];
            }
        }
        // The learner's convention (verl, TRL): log-softmax of logits / temperature over the whole vocabulary, with no
        // repetition penalty or truncation, so that recorded log-probs can stand in for the old policy's (SAIS).
        var policyLogProbs = (raw / temperatures).log_softmax(-1).gather(-1, tensor(tokens, [n, 1], device: device))
            .squeeze(-1).cpu().data<float>().ToArray();
        return new SampledTokens(tokens, chosenLogProbs, policyLogProbs);
    }

    /// <summary>
    /// Candidate logits and, when truncated, the vocabulary ids they stand for. Top-k keeps the k largest; top-p
    /// then keeps the smallest most-likely set whose mass reaches p (a token goes once the tokens above it reach p).
    /// </summary>
    static (Tensor Logits, Tensor? Ids) Truncate(Tensor scaled, IReadOnlyList<SamplingRow> rows)
    {
        var vocab = scaled.shape[^1];
        var useTopP = rows.Any(r => r.Parameters.TopP < 1.0);
        var useTopK = rows.Any(r => r.Parameters.TopK > 0 && r.Parameters.TopK < vocab);
        if (!useTopP && !useTopK) return (scaled, null);

        var device = scaled.device;
        var width = useTopP ? vocab : rows.Max(r => r.Parameters.TopK > 0 ? Math.Min(r.Parameters.TopK, vocab) : vocab);
        var (values, ids) = scaled.topk((int)width, dim: -1, largest: true, sorted: true);
        var rank = arange(width, device: device).unsqueeze(0);
        if (useTopK)
        {
            var k = Column(rows.Select(r => (double)(r.Parameters.TopK > 0 ? r.Parameters.TopK : vocab)), device);
            values = values.masked_fill(rank >= k, double.NegativeInfinity);
        }
        if (useTopP)
        {
            var probabilities = values.softmax(-1);
            var above = probabilities.cumsum(-1) - probabilities;
            var p = Column(rows.Select(r => r.Parameters.TopP), device);
            values = values.masked_fill(above.ge(p).logical_and(rank > 0), double.NegativeInfinity);
        }
        return (values, ids);
    }

    static Tensor ApplyRepetitionPenalty(Tensor logits, Tensor seen, Tensor penalties)
    {
        var penalised = where(logits > 0, logits / penalties, logits * penalties);
        return where(seen, penalised, logits);
    }

    static Tensor Column(IEnumerable<double> values, Device device) =>
        tensor(values.Select(v => (float)v).ToArray(), device: device).unsqueeze(1);
}
