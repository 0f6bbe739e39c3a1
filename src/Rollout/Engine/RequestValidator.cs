using PostTrain.Core.Generation;

namespace PostTrain.Rollout.Engine;

/// <summary>Checks every request before any work starts, so a bad one fails the call with a message that names it.</summary>
internal static class RequestValidator
{
    public static void Validate(IReadOnlyList<GenerationRequest> requests, int vocabSize, int capacity)
    {
        foreach (var request in requests)
        {
            var errors = Errors(request, vocabSize, capacity).ToList();
            if (errors.Count > 0)
                throw new ArgumentException($"request '{request.Id}': {string.Join("; ", errors)}");
        }
    }

    static IEnumerable<string> Errors(GenerationRequest request, int vocabSize, int capacity)
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
        if (request.Budget is < 0) yield return $"the budget must be >= 0, got {request.Budget}";
        foreach (var error in SamplingParametersValidator.Errors(request.Sampling)) yield return error;
    }
}
