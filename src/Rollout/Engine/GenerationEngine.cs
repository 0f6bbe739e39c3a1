using PostTrain.Core.Generation;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rollout.Sampling;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Engine;

/// <summary>
/// Batched generation over a preallocated KV cache with continuous batching: up to <see cref="MaxBatchSize"/>
/// sequences decode together, each at its own length, and a finished sequence's slot takes the next waiting request
/// before the following step. Requests may continue from a prefix with a token budget (UloRL segments).
/// </summary>
public sealed class GenerationEngine : IDisposable
{
    readonly CachedDecoder _decoder;
    readonly FinishRules _finishRules;
    readonly Tensor _seen;
    readonly PrefillPlan _prefillPlan;

    public GenerationEngine(CausalLanguageModel model, EngineOptions? options = null, ITextTokenizer? tokenizer = null)
    {
        options ??= new EngineOptions();
        EngineOptions.Validate(options);
        Model = model;
        MaxBatchSize = options.MaxBatchSize;
        Capacity = options.MaxSequenceLength ?? Math.Min(model.Config.MaxPositionEmbeddings, 4096);
        var cache = new KvCache(model.Config, MaxBatchSize, Capacity, model.Placement);
        _decoder = new CachedDecoder(model, cache);
        var eos = model.Config.EosTokenIds.ToHashSet();
        if (tokenizer?.EosTokenId is { } tokenizerEos) eos.Add(tokenizerEos);
        _finishRules = new FinishRules(eos, tokenizer, Capacity);
        _seen = zeros([MaxBatchSize, model.Config.VocabSize], ScalarType.Bool, model.Placement.Device);
        _prefillPlan = new PrefillPlan(model.Config, options.PrefillCallTokens);
    }

    public CausalLanguageModel Model { get; }
    public int MaxBatchSize { get; }

    /// <summary>Tokens a slot holds: prompt, prefix and output together.</summary>
    public int Capacity { get; }

    /// <summary>Version of the policy weights, as given to <see cref="LoadWeights"/>; 0 for the weights it was built with.</summary>
    public long WeightsVersion { get; private set; }

    public long CacheBytes => _decoder.Cache.Bytes;

    public EngineStatistics Statistics { get; } = new();

    /// <summary>
    /// Generates every request; results come back in request order. <paramref name="onToken"/> sees each new token.
    /// With a <paramref name="window"/> of W rounds (one UloRL segment) the call ends after W rounds of admitting and
    /// decoding, whoever is left: requests waiting for a slot start in slots that free up before then, one admitted in
    /// round k with at most W - k tokens, and one still waiting at the end comes back with no tokens
    /// (<see cref="FinishReason.Budget"/>), to be continued by a later call. Which round a request starts in changes
    /// how many tokens it gets, never which tokens.
    /// </summary>
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<GenerationRequest> requests,
        Action<GenerationRequest, int>? onToken = null, int? window = null)
    {
        RequestValidator.Validate(requests, Model.Config.VocabSize, Capacity, Model.Config.HiddenSize);
        if (window is < 1) throw new ArgumentOutOfRangeException(nameof(window), $"a window must be at least 1 round, got {window}");
        var results = new GenerationResult?[requests.Count];
        var pending = new Queue<int>(Enumerable.Range(0, requests.Count));
        var active = new List<(int Index, SlotState State)>();
        var rounds = 0;
        using var noGrad = no_grad();
        while (pending.Count > 0 || active.Count > 0)
        {
            var left = window - rounds++;
            if (left <= 0)
            {
                while (pending.TryDequeue(out var unstarted))
                    results[unstarted] = new SlotState(requests[unstarted]) { Finished = FinishReason.Budget }.ToResult();
                break;
            }
            var admitted = new List<(int Index, SlotState State)>();
            while (active.Count + admitted.Count < MaxBatchSize && pending.TryDequeue(out var index))
            {
                var state = new SlotState(WithinWindow(requests[index], left));
                state.Finished = FinishedBeforeStart(requests[index]);
                if (state.Finished is null) admitted.Add((index, state));
                else results[index] = state.ToResult();
            }
            if (admitted.Count > 0)
            {
                // Slots in order of length, so that sequences of similar length prefill together.
                admitted.Sort((a, b) => Length(b.State.Request).CompareTo(Length(a.State.Request)));
                Admit(admitted.Select(a => a.State).ToList(), active.Count, onToken);
                active.AddRange(admitted);
                ReleaseFinished(active, results);
            }
            if (active.Count == 0) continue;
            Step(active, onToken);
            ReleaseFinished(active, results);
        }
        return results.Select(r => r!).ToArray();
    }

    static GenerationRequest WithinWindow(GenerationRequest request, int? left) =>
        left is { } tokens && !(request.Budget <= tokens) ? request with { Budget = tokens } : request;

    /// <summary>Replaces the policy weights in place (names and shapes as the model's parameters); no rebuild.</summary>
    public void LoadWeights(IEnumerable<(string Name, Tensor Tensor)> weights, long version)
    {
        var parameters = Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var given = weights.ToList();
        var missing = parameters.Keys.Except(given.Select(w => w.Name)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"new weights lack {missing.Count} parameters, e.g. '{missing[0]}'");
        using var noGrad = no_grad();
        foreach (var (name, tensor) in given)
        {
            if (!parameters.TryGetValue(name, out var parameter))
                throw new ArgumentException($"new weights name '{name}', which the model does not have");
            if (!parameter.shape.SequenceEqual(tensor.shape))
                throw new ArgumentException($"'{name}' has shape [{string.Join(", ", tensor.shape)}], expected [{string.Join(", ", parameter.shape)}]");
            parameter.copy_(tensor);
        }
        WeightsVersion = version;
    }

    static int Length(GenerationRequest request) => request.PromptIds.Count + request.PrefixIds.Count;

    static FinishReason? FinishedBeforeStart(GenerationRequest request) =>
        request.PrefixIds.Count >= request.Sampling.MaxNewTokens ? FinishReason.Length
        : request.Budget == 0 ? FinishReason.Budget
        : null;

    /// <summary>Prefills newly admitted requests (longest first) into slots firstSlot.. and samples each one's first token.</summary>
    void Admit(IReadOnlyList<SlotState> states, int firstSlot, Action<GenerationRequest, int>? onToken)
    {
        using var scope = NewDisposeScope();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sequences = states.Select(s => s.Request.PromptIds.Concat(s.Request.PrefixIds).Select(id => (long)id).ToArray()).ToList();
        var logits = new List<Tensor>();
        foreach (var (start, count) in _prefillPlan.Runs(sequences.Select(s => s.Length).ToList()))
        {
            var embeddings = states.Skip(start).Take(count).Select(s => s.Request.PromptEmbeddings).ToList();
            logits.Add(_decoder.Prefill(firstSlot + start, sequences.GetRange(start, count),
                embeddings.Any(e => e.Count > 0) ? embeddings : null));
        }
        for (var i = 0; i < states.Count; i++)
        {
            states[i].CachedLength = sequences[i].Length;
            var seen = _seen[firstSlot + i];
            seen.fill_(false);
            seen.index_fill_(0, tensor(sequences[i], device: seen.device), true);
        }
        var rows = states.Select(s => new SamplingRow(s.Request.Sampling, s.TotalGenerated)).ToList();
        var (tokens, logProbs, policyLogProbs) = TokenSampler.Sample(cat(logits, 0), rows, _seen.narrow(0, firstSlot, states.Count));
        _seen.index_put_(tensor(true), arange(firstSlot, firstSlot + states.Count, ScalarType.Int64, _seen.device), tensor(tokens, device: _seen.device));
        for (var i = 0; i < states.Count; i++) Append(states[i], (int)tokens[i], logProbs[i], policyLogProbs[i], onToken);
        Statistics.PrefillSeconds += watch.Elapsed.TotalSeconds;
        Statistics.PrefillTokens += sequences.Sum(s => s.Length);
    }

    void Step(List<(int Index, SlotState State)> active, Action<GenerationRequest, int>? onToken)
    {
        using var scope = NewDisposeScope();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var n = active.Count;
        var tokens = active.Select(a => (long)a.State.Generated[^1]).ToArray();
        var positions = active.Select(a => (long)a.State.CachedLength).ToArray();
        var logits = _decoder.Decode(tokens, positions);
        var rows = new SamplingRow[n];
        for (var i = 0; i < n; i++)
        {
            active[i].State.CachedLength++;
            rows[i] = new SamplingRow(active[i].State.Request.Sampling, active[i].State.TotalGenerated);
        }
        var (next, logProbs, policyLogProbs) = TokenSampler.Sample(logits, rows, _seen.narrow(0, 0, n));
        // One scatter for the whole batch: a per-row indexed write costs more than the row's share of the step.
        _seen.index_put_(tensor(true), arange(n, ScalarType.Int64, _seen.device), tensor(next, device: _seen.device));
        for (var i = 0; i < n; i++) Append(active[i].State, (int)next[i], logProbs[i], policyLogProbs[i], onToken);
        Statistics.DecodeSeconds += watch.Elapsed.TotalSeconds;
        Statistics.DecodeSteps++;
        Statistics.DecodedTokens += n;
    }

    void Append(SlotState state, int token, float logProb, float policyLogProb, Action<GenerationRequest, int>? onToken)
    {
        state.Generated.Add(token);
        state.LogProbs.Add(logProb);
        state.PolicyLogProbs.Add(policyLogProb);
        onToken?.Invoke(state.Request, token);
        state.Finished = _finishRules.Check(state);
    }

    void ReleaseFinished(List<(int Index, SlotState State)> active, GenerationResult?[] results)
    {
        for (var slot = active.Count - 1; slot >= 0; slot--)
        {
            if (active[slot].State.Finished is null) continue;
            results[active[slot].Index] = active[slot].State.ToResult();
            Release(active, slot);
        }
    }

    // Keeps active slots contiguous (0..n-1) so a decode step reads one view of the cache: the last active slot
    // moves into the freed one.
    void Release(List<(int Index, SlotState State)> active, int slot)
    {
        var last = active.Count - 1;
        if (slot != last)
        {
            _decoder.Cache.MoveSlot(last, slot, active[last].State.CachedLength);
            _seen[slot].copy_(_seen[last]);
            active[slot] = active[last];
        }
        active.RemoveAt(last);
    }

    public void Dispose()
    {
        _decoder.Cache.Dispose();
        _seen.Dispose();
    }
}
