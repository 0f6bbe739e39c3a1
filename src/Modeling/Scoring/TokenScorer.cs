using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Scoring;

/// <summary>
/// Log-probability of each position's next token and the entropy of each position's distribution, [batch, time],
/// without gradients. The language-model head runs over chunks of positions, so at most [batch, chunk, vocab]
/// logits exist at once. Position t scores token t + 1; the last position scores nothing (0).
/// </summary>
public static class TokenScorer
{
    /// <param name="entropies">Skip the entropies (zeros) when only log-probs are needed: one pass less over the vocabulary.</param>
    /// <param name="overrides">Given embeddings in place of some prompt tokens' (videos).</param>
    public static (Tensor LogProbs, Tensor Entropies) Score(CausalLanguageModel model, Tensor ids, AttentionLayout layout,
        double temperature = 1.0, int chunkSize = 256, bool entropies = true, EmbeddingOverrides? overrides = null)
    {
        if (!(temperature > 0)) throw new ArgumentException($"temperature must be > 0 for scoring, got {temperature}");
        if (chunkSize <= 0) throw new ArgumentException($"chunk size must be positive, got {chunkSize}");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (batch, time) = (ids.shape[0], ids.shape[1]);
        var hidden = model.HiddenStates(ids, layout, overrides: overrides);
        var logitType = hidden.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var logProbs = zeros([batch, time], logitType, ids.device);
        var entropyValues = zeros([batch, time], logitType, ids.device);
        for (long start = 0; start < time - 1; start += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunkSize, time - 1 - start);
            var logp = (model.Logits(hidden.narrow(1, start, length)).to(logitType) / temperature).log_softmax(-1);
            var targets = ids.narrow(1, start + 1, length).unsqueeze(-1);
            logProbs.narrow(1, start, length).copy_(logp.gather(-1, targets).squeeze(-1));
            if (entropies) entropyValues.narrow(1, start, length).copy_(-(logp.exp() * logp).sum(-1));
        }
        return (logProbs.MoveToOuterDisposeScope(), entropyValues.MoveToOuterDisposeScope());
    }
}
