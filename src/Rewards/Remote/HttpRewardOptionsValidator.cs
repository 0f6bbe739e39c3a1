namespace PostTrain.Rewards.Remote;

/// <summary>Rejects HTTP reward settings that cannot work, naming the setting and what was expected.</summary>
public static class HttpRewardOptionsValidator
{
    public static void Validate(HttpRewardOptions options)
    {
        var errors = Errors(options).ToList();
        if (errors.Count > 0) throw new ArgumentException("invalid HTTP reward options: " + string.Join("; ", errors));
    }

    public static IEnumerable<string> Errors(HttpRewardOptions o)
    {
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            yield return $"url must be an absolute http:// or https:// URL, got '{o.Url}'";
        if (!(o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromHours(1)))
            yield return $"timeout must be positive and at most 1 hour, got {o.Timeout.TotalSeconds} s";
        if (o.MaxBatchSize <= 0) yield return $"max_batch_size must be positive, got {o.MaxBatchSize}";
        if (o.MaxConcurrentRequests <= 0) yield return $"max_concurrent_requests must be positive, got {o.MaxConcurrentRequests}";
        foreach (var error in HttpRewardHeaders.Errors(o.Headers)) yield return error;
    }
}
