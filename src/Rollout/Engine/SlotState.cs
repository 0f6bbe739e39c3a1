using PostTrain.Core.Generation;

namespace PostTrain.Rollout.Engine;

/// <summary>A request occupying a cache slot: what is in the cache, what was generated, and the pending token.</summary>
internal sealed class SlotState(GenerationRequest request)
{
    public GenerationRequest Request { get; } = request;

    /// <summary>Tokens written to the slot's cache so far (prompt, prefix, then generated tokens but the last).</summary>
    public int CachedLength { get; set; }

    /// <summary>This call's tokens; the last one is not yet in the cache.</summary>
    public List<int> Generated { get; } = [];

    public List<float> LogProbs { get; } = [];

    public List<float> PolicyLogProbs { get; } = [];

    /// <summary>Prefix plus this call's tokens: the index of the next token in the request's random stream.</summary>
    public int TotalGenerated => Request.PrefixIds.Count + Generated.Count;

    public FinishReason? Finished { get; set; }

    public GenerationResult ToResult() =>
        new(Request.Id, Generated.ToArray(), LogProbs.ToArray(), Finished ?? FinishReason.Budget, TotalGenerated)
        {
            PolicyLogProbs = PolicyLogProbs.ToArray(),
        };
}
