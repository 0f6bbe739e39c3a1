namespace PostTrain.Rewards.Remote;

/// <summary>Where a remote judge listens and how long it may take; checked by <see cref="HttpRewardOptionsValidator"/>.</summary>
public sealed record HttpRewardOptions
{
    /// <summary>The judge's endpoint, an absolute <c>http://</c> or <c>https://</c> URL; batches are POSTed to it.</summary>
    public string Url { get; init; } = "";

    /// <summary>
    /// Wall-clock limit for one request, from sending to the whole response read. 30 s: LLM-as-judge servers score a
    /// batch in seconds, and a judge that takes longer is better reported than waited for.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Extra request headers. <c>${NAME}</c> in a value is replaced by environment variable NAME, so secrets stay out
    /// of recipes: <c>Authorization: Bearer ${JUDGE_API_KEY}</c>. A variable that is not set is an error.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Samples per request (64: one GRPO group or a few per request keeps bodies small and timeouts local).</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Requests in flight at once when a batch splits into several (4: judges usually serve several workers).</summary>
    public int MaxConcurrentRequests { get; init; } = 4;
}
