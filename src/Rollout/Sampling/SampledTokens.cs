namespace PostTrain.Rollout.Sampling;

/// <summary>
/// One token per row, with its log-probability under the distribution it was drawn from (after penalty, temperature
/// and truncation) and under the policy as the learner sees it (log-softmax of logits / temperature, whole vocabulary).
/// </summary>
public sealed record SampledTokens(long[] Tokens, float[] LogProbs, float[] PolicyLogProbs)
{
    public void Deconstruct(out long[] tokens, out float[] logProbs) => (tokens, logProbs) = (Tokens, LogProbs);
}
