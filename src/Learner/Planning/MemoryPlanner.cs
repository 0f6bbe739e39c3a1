using PostTrain.Learner.Backward;
using PostTrain.Modeling.Configuration;

namespace PostTrain.Learner.Planning;

/// <summary>
/// Predicts a training step's peak memory from the model config and the workload, and picks chunk sizes that fit a
/// budget. Per-token costs follow what each backward mode keeps (TECHNIQUES section 3); the constants were fitted
/// to the peaks <c>posttrain bench streambp</c> measured (SFT, GRPO and DPO, three modes, 128 to 3,200 tokens, on
/// glibc with the heap trimmed between passes; see docs/benchmarks.md), allocator slack included.
/// </summary>
public static class MemoryPlanner
{
    /// <summary>The .NET runtime plus libtorch before any tensor (measured: about 150 MB).</summary>
    public const long RuntimeBytes = 150L << 20;

    // Elements kept per token by one layer's autograd graph, in units of hidden size, intermediate size and K/V width.
    const double LayerHidden = 8, LayerIntermediate = 4.5, LayerKeyValue = 4;

    // Copies of a [tokens, vocab] float32 logits tensor alive at the head's peak (logits, log-softmax, their gradients).
    const double LogitCopies = 3.55;

    // Float32 copies of a [heads, query chunk, keys] score matrix alive in a chunk's attention backward.
    const double ScoreCopies = 4;

    // Allocator slack on StreamBP's O(length) part (freed buffers of growing size that are reused only in part).
    const double AllocatorSlack = 2.0;

    // Transient [vocab, hidden] gradient buffers while the head's gradient is accumulated: one in plain autograd, half
    // (on average) when StreamBP accumulates it chunk by chunk, none measurable with checkpointing.
    static double VocabGradientCopies(BackwardMode mode) => mode switch
    {
        BackwardMode.Plain => 1.0,
        BackwardMode.StreamBP => 0.5,
        _ => 0.0,
    };

    public static MemoryPlan Predict(MemoryWorkload w, long? budgetBytes = null)
    {
        var c = w.Config;
        var parameters = ParameterCount(c);
        var trainable = w.TrainableParameters ?? parameters;
        var weights = parameters * w.WeightBytes * (w.ReferenceModel ? 2 : 1);
        var gradients = trainable * w.WeightBytes;
        var optimizer = w.WithOptimizer ? trainable * 8 : 0;
        var vocabGradient = (long)(VocabGradientCopies(w.Backward.Mode) * c.VocabSize * c.HiddenSize * w.WeightBytes);
        return new MemoryPlan(RuntimeBytes, weights, gradients, optimizer, Activations(w) + vocabGradient, budgetBytes);
    }

    /// <summary>
    /// StreamBP chunk sizes that fit <paramref name="budgetBytes"/>, largest first (larger chunks run faster), or
    /// null when even the smallest do not fit.
    /// </summary>
    public static BackwardOptions? ChooseChunks(MemoryWorkload workload, long budgetBytes)
    {
        foreach (var head in new[] { 512, 256, 128, 64, 32 })
        foreach (var query in new[] { 1024, 512, 256, 128, 64 })
        {
            var options = new BackwardOptions { Mode = BackwardMode.StreamBP, HeadChunk = head, QueryChunk = query };
            if (Predict(workload with { Backward = options }, budgetBytes).Fits) return options;
        }
        return null;
    }

    /// <summary>The longest sequence length whose predicted peak fits the budget (0 if none).</summary>
    public static int MaxLength(MemoryWorkload workload, long budgetBytes)
    {
        int low = 0, high = 1 << 22;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Predict(workload with { Length = middle }, budgetBytes).Fits) low = middle;
            else high = middle - 1;
        }
        return low;
    }

    public static long ParameterCount(DecoderConfig c)
    {
        long attention = (long)c.HiddenSize * c.NumAttentionHeads * c.HeadDim * 2 + (long)c.HiddenSize * c.NumKeyValueHeads * c.HeadDim * 2;
        long biases = (c.AttentionBias ? (long)(c.NumAttentionHeads + 2 * c.NumKeyValueHeads) * c.HeadDim : 0)
                      + (c.OutputProjectionBias ? c.HiddenSize : 0) + (c.MlpBias ? 2L * c.IntermediateSize + c.HiddenSize : 0);
        long norms = 2L * c.HiddenSize + (c.QueryKeyNorm ? 2L * c.HeadDim : 0);
        long layer = attention + 3L * c.HiddenSize * c.IntermediateSize + biases + norms;
        long embeddings = (long)c.VocabSize * c.HiddenSize * (c.TieWordEmbeddings ? 1 : 2);
        return c.NumHiddenLayers * layer + embeddings + c.HiddenSize;
    }

    static long Activations(MemoryWorkload w)
    {
        var c = w.Config;
        double e = w.WeightBytes;
        double tokens = (double)w.Sequences * w.Length;
        double keyValue = c.NumKeyValueHeads * c.HeadDim;
        double layerPerToken = (LayerHidden * c.HiddenSize + LayerIntermediate * c.IntermediateSize + LayerKeyValue * keyValue) * e;
        double logitsPerToken = LogitCopies * c.VocabSize * 4.0;
        double inputsPerToken = (c.NumHiddenLayers + 1) * c.HiddenSize * e;
        var headTokens = w.Backward.Mode == BackwardMode.StreamBP ? w.Sequences * Math.Min(w.Backward.HeadChunk, w.Length) : tokens;
        double logits = headTokens * logitsPerToken;
        return (long)(w.Backward.Mode switch
        {
            BackwardMode.Plain => tokens * c.NumHiddenLayers * layerPerToken + logits,
            BackwardMode.Checkpoint => tokens * (inputsPerToken + layerPerToken) + logits,
            _ => StreamActivations(w, tokens, inputsPerToken, layerPerToken, keyValue, e) + logits,
        });
    }

    // Layer inputs and the whole sequence's normed input, keys and values (with their gradients) scale with the
    // length; one query chunk's layer graph and its [heads, chunk, length] attention scores are the rest.
    static double StreamActivations(MemoryWorkload w, double tokens, double inputsPerToken, double layerPerToken, double keyValue, double e)
    {
        var c = w.Config;
        var chunk = Math.Min(w.Backward.QueryChunk, w.Length);
        double perToken = inputsPerToken + (4 * c.HiddenSize + 6 * keyValue) * e;
        double scores = ScoreCopies * c.NumAttentionHeads * (double)chunk * w.Length * 4.0 * w.Sequences;
        return AllocatorSlack * (tokens * perToken + scores) + w.Sequences * chunk * layerPerToken;
    }
}
