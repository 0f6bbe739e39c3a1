using PostTrain.Core.Generation;
using PostTrain.Modeling.Configuration;
using PostTrain.Rollout.Engine;
using PostTrain.Modeling.Scoring;
using static TorchSharp.torch;

namespace PostTrain.Rollout.Tests;

public sealed class ScorerTests
{
    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.7, 3)]
    public void ScorerLogProbsEqualTheEnginesForWhatItSampled(double temperature, int chunkSize)
    {
        using var model = TinyPolicy.Create(ModelFamily.Qwen3);
        var requests = Enumerable.Range(0, 4).Select(i => TinyPolicy.Request($"r{i}", 3 + i, new SamplingParameters
        {
            Temperature = temperature, MaxNewTokens = 9 + 2 * i, Seed = i,
        }, salt: i)).ToArray();
        using var engine = new GenerationEngine(model);
        var generated = engine.Generate(requests);

        var scores = SequenceScorer.Score(model, requests.Zip(generated, (request, result) =>
            new ScoringRequest(request.PromptIds.Concat(result.GeneratedIds).ToArray(), request.PromptIds.Count)).ToArray(),
            temperature, chunkSize, batchSize: 3);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(generated[i].LogProbs.Count, scores[i].LogProbs.Length);
            for (var t = 0; t < scores[i].LogProbs.Length; t++)
                Assert.True(Math.Abs(generated[i].LogProbs[t] - scores[i].LogProbs[t]) < 1e-4, $"{i}/{t}");
        }
    }

    [Fact]
    public void EntropiesAndLogProbsEqualAFullForwardPass()
    {
        using var model = TinyPolicy.Create(ModelFamily.Llama);
        int[] ids = [5, 9, 200, 31, 7, 77, 120, 3];

        var score = SequenceScorer.Score(model, [new ScoringRequest(ids, 2)], chunkSize: 4)[0];

        using var noGrad = no_grad();
        var logp = model.forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0].log_softmax(-1);
        for (var t = 2; t < ids.Length; t++)
        {
            var row = logp[t - 1];
            Assert.Equal(row[ids[t]].item<float>(), score.LogProbs[t - 2], 4);
            Assert.Equal((-(row.exp() * row).sum()).item<float>(), score.Entropies[t - 2], 4);
        }
    }
}
