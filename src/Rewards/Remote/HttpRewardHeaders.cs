using System.Text.RegularExpressions;

namespace PostTrain.Rewards.Remote;

/// <summary>Request headers of the HTTP reward, with <c>${NAME}</c> replaced by environment variables.</summary>
public static partial class HttpRewardHeaders
{
    /// <summary>Set by the reward itself, so not allowed in the options.</summary>
    static readonly HashSet<string> Reserved = new(["Content-Type", "Content-Length", "Host"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Errors(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!HeaderName().IsMatch(name)) yield return $"header name '{name}' is not a valid HTTP token";
            else if (Reserved.Contains(name)) yield return $"header '{name}' is set by the reward itself";
            foreach (Match reference in Reference().Matches(value))
                if (Environment.GetEnvironmentVariable(reference.Groups[1].Value) is null)
                    yield return $"header '{name}' uses environment variable {reference.Groups[1].Value}, which is not set";
            if (value.Contains('\r') || value.Contains('\n')) yield return $"header '{name}' must be one line";
        }
    }

    /// <summary>The headers with every <c>${NAME}</c> replaced by that environment variable's value.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Expand(IReadOnlyDictionary<string, string> headers) =>
        headers.Select(h => KeyValuePair.Create(h.Key,
            Reference().Replace(h.Value, m => Environment.GetEnvironmentVariable(m.Groups[1].Value)
                ?? throw new ArgumentException($"header '{h.Key}' uses environment variable {m.Groups[1].Value}, which is not set")))).ToList();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();
}
