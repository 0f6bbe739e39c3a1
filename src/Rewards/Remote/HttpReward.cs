using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Wire;

namespace PostTrain.Rewards.Remote;

/// <summary>
/// A reward computed by a remote judge over HTTP. Each batch is split into requests of at most
/// <see cref="HttpRewardOptions.MaxBatchSize"/> samples, POSTed as <c>{"samples": [{"prompt", "completion",
/// "ground_truth", "metadata"}]}</c>; the judge answers <c>{"results": [{"score", "sub_scores", "error", "note"}]}</c>
/// or a plain array of numbers, one per sample in order (<see cref="HttpRewardResponse"/>). A request that times out,
/// cannot connect, gets a non-2xx status or an unreadable answer fails each of its samples with an error naming the
/// reward and the URL, never a zero.
/// </summary>
public sealed class HttpReward : IRewardFunction, IDisposable
{
    readonly HttpRewardOptions _options;
    readonly Uri _url;
    readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    readonly HttpClient _client;
    readonly bool _ownsClient;
    readonly SemaphoreSlim _requests;
    readonly string _source;

    /// <param name="client">A client to send with (its own timeout is not used); by default the reward makes one.</param>
    public HttpReward(string name, HttpRewardOptions options, HttpClient? client = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        HttpRewardOptionsValidator.Validate(options);
        Name = name;
        _options = options;
        _url = new Uri(options.Url);
        _headers = HttpRewardHeaders.Expand(options.Headers);
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _requests = new SemaphoreSlim(options.MaxConcurrentRequests);
        // The query string is left out of messages: it may carry a key.
        _source = $"reward '{name}' (POST {_url.GetLeftPart(UriPartial.Path)})";
    }

    public string Name { get; }

    public async Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation)
    {
        var parts = await Task.WhenAll(batch.Chunk(_options.MaxBatchSize).Select(part => ScorePartAsync(part, cancellation)));
        return parts.SelectMany(part => part).ToArray();
    }

    async Task<RewardOutput[]> ScorePartAsync(RewardInput[] part, CancellationToken cancellation)
    {
        await _requests.WaitAsync(cancellation);
        try
        {
            // The limit starts once the request may be sent: waiting for a free slot is not the judge's time.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(_options.Timeout);
            return await PostAsync(part, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return HttpRewardResponse.Fail(part.Length, $"{_source}: timed out after {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return HttpRewardResponse.Fail(part.Length, $"{_source}: request failed: {e.Message}");
        }
        finally
        {
            _requests.Release();
        }
    }

    async Task<RewardOutput[]> PostAsync(RewardInput[] part, CancellationToken cancellation)
    {
        var body = new JsonObject { ["samples"] = new JsonArray(part.Select(input => (JsonNode?)RewardJson.WriteSample(input)).ToArray()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            return HttpRewardResponse.Fail(part.Length,
                $"{_source}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {HttpRewardResponse.Excerpt(text)}");
        return HttpRewardResponse.Parse(text, part.Length, _source);
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
        _requests.Dispose();
    }
}
