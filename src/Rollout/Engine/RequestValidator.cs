using PostTrain.Core.Generation;

namespace PostTrain.Rollout.Engine;

/// <summary>Checks every request before any work starts, so a bad one fails the call with a message that names it.</summary>
internal static class RequestValidator
{
    public static void Validate(IReadOnlyList<GenerationRequest> requests, int vocabSize, int capacity, int hidden)
    {
        foreach (var request in requests)
        {
            var errors = Errors(request, vocabSize, capacity, hidden).ToList();
            if (errors.Count > 0)
                throw new ArgumentException($"request '{request.Id}': {string.Join("; ", errors)}");
        }
    }

    static IEnumerable<string> Errors(GenerationRequest request, int vocabSize, int capacity, int hidden)
    {
        if (request.PromptIds.Count == 0) yield return "the prompt is empty";
        var length = request.PromptIds.Count + request.PrefixIds.Count;
        if (length >= capacity)
            yield return $"the prompt and prefix are {length} tokens, which leaves no room in a context of {capacity}";
        var position = 0;
        foreach (var id in request.PromptIds.Concat(request.PrefixIds))
        {
            if (id < 0 || id >= vocabSize)
            {
                yield return $"token id {id} at position {position} is outside the vocabulary (0..{vocabSize - 1})";
                break;
            }
            position++;
        }
        foreach (var span in request.PromptEmbeddings)
        {
            if (span.Start < 0 || span.Count <= 0 || span.Start + span.Count > request.PromptIds.Count)
                yield return $"prompt embeddings at {span.Start}..{span.Start + span.Count - 1} lie outside the prompt (0..{request.PromptIds.Count - 1})";
            else if (span.Values.Length != span.Count * hidden)
                yield return $"prompt embeddings at {span.Start} hold {span.Values.Length} values, expected {span.Count} x {hidden}";
        }
        if (request.Budget is < 0) yield return $"the budget must be >= 0, got {request.Budget}";
        foreach (var error in SamplingParametersValidator.Errors(request.Sampling)) yield return error;
    }
}
