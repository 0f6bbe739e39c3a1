using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Scoring;

/// <summary>
/// Per-token log-probabilities and entropies of given sequences under a model (the learner's old and reference
/// log-probs, reward models). Sequences are batched with right padding; the language-model head runs over chunks of
/// positions, so full [time, vocab] logits never exist at once.
/// </summary>
public static class SequenceScorer
{
    public static IReadOnlyList<TokenScores> Score(CausalLanguageModel model, IReadOnlyList<ScoringRequest> sequences,
        double temperature = 1.0, int chunkSize = 256, int batchSize = 8)
    {
        if (!(temperature > 0)) throw new ArgumentException($"temperature must be > 0 for scoring, got {temperature}");
        if (chunkSize <= 0 || batchSize <= 0) throw new ArgumentException("chunk size and batch size must be positive");
        foreach (var sequence in sequences)
        {
            if (sequence.ScoreFrom < 1 || sequence.ScoreFrom > sequence.Ids.Count)
                throw new ArgumentException($"score_from must be in 1..{sequence.Ids.Count} (the first token has no context), got {sequence.ScoreFrom}");
        }
        var results = new List<TokenScores>(sequences.Count);
        using var noGrad = no_grad();
        for (var start = 0; start < sequences.Count; start += batchSize)
            results.AddRange(ScoreBatch(model, sequences.Skip(start).Take(batchSize).ToList(), temperature, chunkSize));
        return results;
    }

    static List<TokenScores> ScoreBatch(CausalLanguageModel model, List<ScoringRequest> batch, double temperature, int chunkSize)
    {
        using var scope = NewDisposeScope();
        var time = batch.Max(s => s.Ids.Count);
        var device = model.Placement.Device;
        var ids = new long[batch.Count * time];
        var mask = new long[batch.Count * time];
        for (var row = 0; row < batch.Count; row++)
        {
            for (var t = 0; t < batch[row].Ids.Count; t++)
            {
                ids[row * time + t] = batch[row].Ids[t];
                mask[row * time + t] = 1;
            }
        }
        var idTensor = tensor(ids, [batch.Count, time], device: device);
        var hidden = model.HiddenStates(idTensor, tensor(mask, [batch.Count, time], device: device));

        var first = batch.Min(s => s.ScoreFrom);
        var logProbs = new float[batch.Count, time];
        var entropies = new float[batch.Count, time];
        for (var begin = first; begin < time; begin += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunkSize, time - begin);
            // Hidden state at t - 1 predicts token t.
            var logits = model.Logits(hidden.narrow(1, begin - 1, length)).to(ScalarType.Float32) / temperature;
            var logp = logits.log_softmax(-1);
            var targets = idTensor.narrow(1, begin, length).unsqueeze(-1);
            var chosen = logp.gather(-1, targets).squeeze(-1).cpu().data<float>().ToArray();
            var entropy = (-(logp.exp() * logp).sum(-1)).cpu().data<float>().ToArray();
            for (var row = 0; row < batch.Count; row++)
            {
                for (var t = 0; t < length; t++)
                {
                    logProbs[row, begin + t] = chosen[row * length + t];
                    entropies[row, begin + t] = entropy[row * length + t];
                }
            }
        }
        return batch.Select((sequence, row) => new TokenScores(
            Slice(logProbs, row, sequence.ScoreFrom, sequence.Ids.Count),
            Slice(entropies, row, sequence.ScoreFrom, sequence.Ids.Count))).ToList();
    }

    static float[] Slice(float[,] values, int row, int from, int to) =>
        Enumerable.Range(from, to - from).Select(t => values[row, t]).ToArray();
}
