namespace PostTrain.Learner.Batches;

public static class SequencePacker
{
    /// <summary>First-fit packing in the given order into rows of at most <paramref name="maxTokens"/> tokens.</summary>
    public static IReadOnlyList<IReadOnlyList<TrainingSequence>> Pack(IReadOnlyList<TrainingSequence> sequences, int maxTokens)
    {
        var rows = new List<List<TrainingSequence>>();
        var lengths = new List<int>();
        foreach (var sequence in sequences)
        {
            if (sequence.Length > maxTokens)
                throw new ArgumentException($"a sequence of {sequence.Length} tokens does not fit the packing length {maxTokens}");
            var row = lengths.FindIndex(used => used + sequence.Length <= maxTokens);
            if (row < 0)
            {
                rows.Add([]);
                lengths.Add(0);
                row = rows.Count - 1;
            }
            rows[row].Add(sequence);
            lengths[row] += sequence.Length;
        }
        return rows;
    }
}
