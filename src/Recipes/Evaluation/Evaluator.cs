using PostTrain.Core.Generation;
using PostTrain.Core.Rewards;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Tokenization;
using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Video;
using PostTrain.Rollout.Engine;

namespace PostTrain.Recipes.Evaluation;

/// <summary>Generates k answers to each held-out prompt with the rollout engine and scores them with the recipe's rewards.</summary>
public static class Evaluator
{
    /// <param name="videos">Embeds the videos of video prompts (each once, without gradient).</param>
    public static async Task<EvaluationResult> RunAsync(CausalLanguageModel model, ITextTokenizer tokenizer, IReadOnlyList<RlPrompt> prompts,
        RewardScorer scorer, EvaluationOptions options, CancellationToken cancellation = default, VideoPrompts? videos = null)
    {
        EvaluationOptions.Validate(options);
        if (prompts.Count == 0) throw new ArgumentException("there are no evaluation prompts");
        var k = options.Samples;
        var longest = prompts.Max(p => p.PromptIds.Length) + options.MaxResponseLength;
        var embeddings = VideoEmbeddings(prompts, videos);
        var requests = prompts.SelectMany((p, i) => Enumerable.Range(0, k).Select(j => new GenerationRequest($"{i}#{j}", p.PromptIds,
            new SamplingParameters
            {
                Temperature = options.Temperature,
                TopP = options.TopP,
                MaxNewTokens = options.MaxResponseLength,
                StopTokenIds = options.StopTokenIds,
                Seed = options.Seed + i * 1009L + j,
            }) { PromptEmbeddings = embeddings[i] })).ToList();
        IReadOnlyList<GenerationResult> results;
        using (var engine = new GenerationEngine(model, new EngineOptions
               {
                   MaxBatchSize = Math.Min(options.BatchSize, requests.Count), MaxSequenceLength = (longest + 63) / 64 * 64,
               }, tokenizer))
            results = await Task.Run(() => engine.Generate(requests), cancellation);

        var inputs = results.Select((r, n) =>
        {
            var prompt = prompts[n / k];
            return new RewardInput(prompt.PromptText, tokenizer.Decode(r.GeneratedIds, skipSpecialTokens: true))
            {
                CompletionIds = r.GeneratedIds,
                GroundTruth = prompt.GroundTruth,
                Metadata = prompt.Metadata,
            };
        }).ToList();
        var scores = await scorer.ScoreAsync(inputs, cancellation);
        var (avg, pass) = Accuracies(scores.Select(s => !s.Failed && s.Score >= options.PassThreshold).ToArray(), k);
        return new EvaluationResult(
            prompts.Count, k,
            AvgAtK: avg,
            PassAtK: pass,
            RewardMean: scores.Where(s => !s.Failed).Select(s => s.Score).DefaultIfEmpty(0).Average(),
            ResponseLengthMean: results.Average(r => r.GeneratedIds.Count),
            TruncationRatio: results.Count(r => r.FinishReason == FinishReason.Length) / (double)results.Count,
            RewardFailures: scores.Count(s => s.Failed))
        {
            // A failed answer counts with no score on any reward (so it is never in range).
            RewardBreakdown = RewardFigures.Of(scores.Select(s => s.Failed ? new Dictionary<string, double>() : s.SubScores).ToList()),
        };
    }

    static IReadOnlyList<EmbeddingSpan>[] VideoEmbeddings(IReadOnlyList<RlPrompt> prompts, VideoPrompts? videos)
    {
        var byHash = new Dictionary<string, float[]>();
        using var noGrad = TorchSharp.torch.no_grad();
        return prompts.Select(p =>
        {
            if (p.Video is not { } video) return (IReadOnlyList<EmbeddingSpan>)[];
            if (videos is null) throw new ArgumentException($"evaluation prompt '{p.Id}' shows a video, but the model has no vision encoder");
            if (!byHash.TryGetValue(video.ContentHash, out var values))
            {
                using var tokens = videos.Embed(video.Clip);
                byHash[video.ContentHash] = values = tokens.to(TorchSharp.torch.ScalarType.Float32).cpu().data<float>().ToArray();
            }
            return [new EmbeddingSpan(video.Start, video.Count, values)];
        }).ToArray();
    }

    /// <summary>
    /// avg@k and pass@k in points from each answer's correctness, k consecutive answers a prompt: avg@k is the mean
    /// over prompts of the share of correct answers, pass@k the share of prompts with at least one.
    /// </summary>
    public static (double AvgAtK, double PassAtK) Accuracies(IReadOnlyList<bool> correct, int k)
    {
        if (k < 1 || correct.Count == 0 || correct.Count % k != 0)
            throw new ArgumentException($"{correct.Count} answers are not whole groups of k = {k}");
        var prompts = Enumerable.Range(0, correct.Count / k).Select(i => correct.Skip(i * k).Take(k).ToArray()).ToList();
        return (100.0 * prompts.Average(c => c.Count(x => x) / (double)k), 100.0 * prompts.Count(c => c.Any(x => x)) / prompts.Count);
    }
}
