using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Batches;

/// <summary>Builds <see cref="TokenBatch"/>es: one sequence per row (right padding), or several per row (packing).</summary>
public static class TokenBatchBuilder
{
    /// <summary>One sequence per row, right-padded to the longest.</summary>
    public static TokenBatch Padded(IReadOnlyList<TrainingSequence> sequences, Device? device = null) =>
        Packed(sequences.Select(s => (IReadOnlyList<TrainingSequence>)[s]).ToList(), device);

    /// <summary>
    /// Each row holds the given sequences back to back as separate documents: positions restart at 0 and attention
    /// never crosses from one document to another. Rows are right-padded to the longest.
    /// </summary>
    public static TokenBatch Packed(IReadOnlyList<IReadOnlyList<TrainingSequence>> rows, Device? device = null)
    {
        if (rows.Count == 0 || rows.Any(r => r.Count == 0)) throw new ArgumentException("a batch needs at least one sequence per row");
        if (rows.SelectMany(r => r).Any(s => s.PromptIds.Count == 0 && s.CompletionIds.Count == 0))
            throw new ArgumentException("a training sequence is empty");
        var time = rows.Max(r => r.Sum(s => s.Length));
        var batch = rows.Count;
        var ids = new long[batch * time];
        var documents = new long[batch * time];
        var targets = new long[batch * time];
        var mask = new float[batch * time];
        var sequenceIndex = Enumerable.Repeat(-1L, batch * time).ToArray();
        var sequence = 0;
        var embeddings = new List<(long FlatStart, Tensor Values)>();
        for (var row = 0; row < batch; row++)
        {
            var offset = row * time;
            var document = 1;
            foreach (var item in rows[row])
            {
                var tokens = item.PromptIds.Concat(item.CompletionIds).ToArray();
                foreach (var span in item.PromptEmbeddings)
                {
                    if (span.Start < 0 || span.Start + span.Count > item.PromptIds.Count)
                        throw new ArgumentException($"prompt embeddings at {span.Start}..{span.Start + span.Count - 1} lie outside the prompt (0..{item.PromptIds.Count - 1})");
                    var values = span.Values();
                    if (values.shape[0] != span.Count)
                        throw new ArgumentException($"prompt embeddings at {span.Start} have {values.shape[0]} rows, expected {span.Count}");
                    embeddings.Add((offset + span.Start, values));
                }
                for (var t = 0; t < tokens.Length; t++)
                {
                    ids[offset + t] = tokens[t];
                    documents[offset + t] = document;
                    if (t + 1 < tokens.Length)
                    {
                        targets[offset + t] = tokens[t + 1];
                        if (t + 1 >= item.PromptIds.Count && item.Learned)
                        {
                            mask[offset + t] = 1f;
                            sequenceIndex[offset + t] = sequence;
                        }
                    }
                }
                offset += tokens.Length;
                document++;
                sequence++;
            }
        }
        device ??= CPU;
        var documentTensor = tensor(documents, [batch, time], device: device);
        var layout = rows.All(r => r.Count == 1) && rows.All(r => r[0].Length == time)
            ? AttentionLayout.Causal(batch, time, device)
            : AttentionLayout.Packed(documentTensor);
        return new TokenBatch(tensor(ids, [batch, time], device: device), layout,
            tensor(targets, [batch, time], device: device), tensor(mask, [batch, time], device: device),
            tensor(sequenceIndex, [batch, time], device: device), sequence, EmbeddingOverrides.Gather(embeddings, device));
    }
}
