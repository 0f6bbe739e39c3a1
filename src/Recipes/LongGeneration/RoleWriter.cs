using PostTrain.Actors.Contracts;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Recipes.Pipelines;
using PostTrain.Rollout.Engine;

namespace PostTrain.Recipes.LongGeneration;

/// <summary>
/// Samples answers from the model as it stands (with whichever adapter set is active) through the rollout engine. An
/// answer is capped at <paramref name="maxTokens"/> tokens, its start included; a request whose prompt leaves no room
/// in the model's context comes back empty and truncated.
/// </summary>
public sealed class RoleWriter(CausalLanguageModel model, ChatEncoder encoder, SamplingSpec sampling, int maxTokens, int batchSize)
{
    public int MaxTokens => maxTokens;

    public IReadOnlyList<WrittenText> Write(IReadOnlyList<WritingRequest> requests)
    {
        var results = new WrittenText[requests.Count];
        var limit = model.Config.MaxPositionEmbeddings;
        var stop = encoder.StopTokenIds();
        var runnable = new List<(int Index, GenerationRequest Request)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var prompt = encoder.Prompt(requests[i].Prompt);
            var start = requests[i].Start.Length == 0 ? [] : encoder.Tokenizer.Encode(requests[i].Start).ToArray();
            if (prompt.Length + start.Length >= limit)
            {
                results[i] = new WrittenText(requests[i].Start, start.Length, Truncated: true);
                continue;
            }
            runnable.Add((i, new GenerationRequest($"{i}", prompt, sampling.ToParameters(maxTokens, requests[i].Seed) with { StopTokenIds = stop })
            {
                PrefixIds = start,
            }));
        }
        if (runnable.Count == 0) return results;
        var longest = runnable.Max(r => r.Request.PromptIds.Count) + maxTokens;
        using (var engine = new GenerationEngine(model, new EngineOptions
               {
                   MaxBatchSize = Math.Min(batchSize, runnable.Count), MaxSequenceLength = Math.Min((longest + 63) / 64 * 64, limit),
               }, encoder.Tokenizer))
        {
            var generated = engine.Generate(runnable.Select(r => r.Request).ToList());
            for (var n = 0; n < runnable.Count; n++)
            {
                var (index, request) = runnable[n];
                var text = encoder.Tokenizer.Decode([.. request.PrefixIds, .. generated[n].GeneratedIds], skipSpecialTokens: true).Trim();
                results[index] = new WrittenText(text, generated[n].TotalGenerated, generated[n].FinishReason == FinishReason.Length);
            }
        }
        return results;
    }
}
