using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Rollout.Sampling;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Generation without a KV cache: every step runs the whole sequence through the model again. It is the reference
/// the cached engine is tested against and the baseline its speed is measured against. Prompts of one call must
/// have equal lengths; stops only at max_new_tokens.
/// </summary>
public static class RecomputingGenerator
{
    public static IReadOnlyList<GenerationResult> Generate(CausalLanguageModel model, IReadOnlyList<GenerationRequest> requests)
    {
        var length = requests[0].PromptIds.Count;
        if (requests.Any(r => r.PromptIds.Count != length || r.PrefixIds.Count > 0))
            throw new ArgumentException("the recomputing generator takes prompts of equal length and no prefixes");
        var sequences = requests.Select(r => r.PromptIds.Select(id => (long)id).ToList()).ToList();
        var logProbs = requests.Select(_ => new List<float>()).ToList();
        var steps = requests.Max(r => r.Sampling.MaxNewTokens);
        using var noGrad = no_grad();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var ids = tensor(sequences.SelectMany(s => s).ToArray(), [requests.Count, length + step], device: model.Placement.Device);
            using var overrides = EmbeddingOverrides.Gather(requests.SelectMany((r, row) => r.PromptEmbeddings.Select(span =>
                ((long)row * (length + step) + span.Start, tensor(span.Values, [span.Count, span.Hidden])))).ToList(), model.Placement.Device);
            var logits = model.Forward(ids, overrides: overrides).select(1, -1).to(ScalarType.Float32);
            var rows = requests.Select(r => new SamplingRow(r.Sampling, step)).ToList();
            var (tokens, chosen) = TokenSampler.Sample(logits, rows);
            for (var i = 0; i < requests.Count; i++)
            {
                sequences[i].Add(tokens[i]);
                logProbs[i].Add(chosen[i]);
            }
        }
        return requests.Select((r, i) => new GenerationResult(r.Id,
            sequences[i].Skip(length).Take(r.Sampling.MaxNewTokens).Select(t => (int)t).ToArray(),
            logProbs[i].Take(r.Sampling.MaxNewTokens).ToArray(), FinishReason.Length, r.Sampling.MaxNewTokens)).ToArray();
    }
}
