using PostTrain.Core.Seeding;
using PostTrain.Core.Generation;
using PostTrain.Core.Rewards;
using PostTrain.Learner.Batches;
using PostTrain.Recipes.Evaluation;
using PostTrain.Rollout.Engine;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// Preference pairs from the policy's own samples (online DPO, LongWriter's DPO): G answers per prompt, scored by the
/// recipe's rewards; the best answer is chosen and a random answer scored lower is rejected. A prompt whose answers all
/// score the same gives no pair.
/// </summary>
public sealed class OnlinePairs(RunContext c, RewardScorer scorer)
{
    public async Task<(IReadOnlyList<PreferencePair> Pairs, int Samples, double RewardMean, IReadOnlyDictionary<string, double> Rewards)> MakeAsync(IReadOnlyList<RlPrompt> prompts, long step)
    {
        var settings = c.Recipe.Rollout;
        var g = settings.GroupSize;
        var requests = prompts.SelectMany((p, i) => Enumerable.Range(0, g).Select(j => new GenerationRequest($"{i}#{j}", p.PromptIds,
            settings.Sampling.ToParameters(settings.MaxResponseLength, StableSeed.Of(settings.Seed, step, i, j)) with
            {
                StopTokenIds = c.Encoder.StopTokenIds(),
            }))).ToList();
        IReadOnlyList<GenerationResult> results;
        using (var engine = new GenerationEngine(c.Policy.Model, new EngineOptions
               {
                   MaxBatchSize = requests.Count,
                   MaxSequenceLength = (prompts.Max(p => p.PromptIds.Length) + settings.MaxResponseLength + 63) / 64 * 64,
               }, c.Policy.Tokenizer))
            results = await Task.Run(() => engine.Generate(requests));
        var inputs = results.Select((r, n) => new RewardInput(prompts[n / g].PromptText, c.Policy.Tokenizer.Decode(r.GeneratedIds, skipSpecialTokens: true))
        {
            CompletionIds = r.GeneratedIds, GroundTruth = prompts[n / g].GroundTruth, Metadata = prompts[n / g].Metadata,
        }).ToList();
        var scores = await scorer.ScoreAsync(inputs);
        var random = new Random(StableSeed.Of(settings.Seed, step));
        var pairs = new List<PreferencePair>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var members = Enumerable.Range(i * g, g).Where(n => !scores[n].Failed).ToList();
            if (members.Count < 2) continue;
            var best = members.MaxBy(n => scores[n].Score);
            var worse = members.Where(n => scores[n].Score < scores[best].Score).ToList();
            if (worse.Count == 0) continue;
            var rejected = worse[random.Next(worse.Count)];
            pairs.Add(new PreferencePair(prompts[i].PromptIds, results[best].GeneratedIds, results[rejected].GeneratedIds));
        }
        var scored = scores.Where(s => !s.Failed).ToList();
        return (pairs, results.Count, scored.Select(s => s.Score).DefaultIfEmpty(0).Average(), RewardFigures.Of(scored.Select(s => s.SubScores).ToList()));
    }
}
