using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.Format;

/// <summary>
/// <c>longwriter_format</c> (LongWriter-Zero): 0 unless the completion is exactly one think block followed by one answer
/// block; then 1 minus the share of the answer's word 8-grams that repeat an earlier one, so copy-pasted paragraphs
/// cost what they add. (The paper penalises repeated content without a formula; this is PostTrain's choice.)
/// </summary>
public sealed class LongWriterFormatReward : PerSampleReward
{
    public const int NGram = 8;

    public override string Name => "longwriter_format";

    protected override RewardOutput Score(RewardInput input)
    {
        if (!ThinkAnswerFormatReward.IsThinkThenAnswer(input.Completion))
            return new RewardOutput(0) { Note = "not one <think> block followed by one <answer> block" };
        var start = input.Completion.IndexOf("<answer>", StringComparison.Ordinal) + "<answer>".Length;
        var end = input.Completion.LastIndexOf("</answer>", StringComparison.Ordinal);
        var repeated = RepeatedShare(input.Completion[start..end]);
        return new RewardOutput(1 - repeated) { SubScores = new Dictionary<string, double> { ["repeated_ngram_share"] = repeated } };
    }

    /// <summary>Share of word n-grams that already occurred earlier in the text (0 when it has fewer than n words).</summary>
    public static double RepeatedShare(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < NGram) return 0;
        var seen = new HashSet<string>();
        var repeats = 0;
        var total = words.Length - NGram + 1;
        for (var i = 0; i < total; i++)
            if (!seen.Add(string.Join(' ', words, i, NGram))) repeats++;
        return (double)repeats / total;
    }
}
