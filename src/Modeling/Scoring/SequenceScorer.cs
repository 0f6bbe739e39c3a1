using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Scoring;

/// <summary>
/// Per-token log-probabilities and entropies of given sequences under a model (rollout log-probs, reference
/// log-probs, evaluation), batched with right padding over <see cref="TokenScorer"/>.
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
        var layout = AttentionLayout.FromPadding(tensor(mask, [batch.Count, time], device: device));
        var (logProbs, entropies) = TokenScorer.Score(model, tensor(ids, [batch.Count, time], device: device), layout,
            temperature, chunkSize);
        var logProbRows = logProbs.to(ScalarType.Float32).cpu().data<float>().ToArray();
        var entropyRows = entropies.to(ScalarType.Float32).cpu().data<float>().ToArray();
        // Position t - 1 scores token t.
        return batch.Select((sequence, row) => new TokenScores(
            logProbRows.Skip(row * time + sequence.ScoreFrom - 1).Take(sequence.Ids.Count - sequence.ScoreFrom).ToArray(),
            entropyRows.Skip(row * time + sequence.ScoreFrom - 1).Take(sequence.Ids.Count - sequence.ScoreFrom).ToArray())).ToList();
    }
}
