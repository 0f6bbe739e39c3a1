using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>
/// Checkpointing and StreamBP give plain autograd's gradient: float64 to 1e-10 relative, float32 to 1e-5, for chunk
/// sizes that do and do not divide the length, with padding and with packing.
/// </summary>
public sealed class GradientEqualityTests
{
    public static TheoryData<string, bool, bool, int, int> Cases() => new()
    {
        // objective, float64, packed, head chunk, query chunk
        { "sft", true, false, 3, 4 },
        { "sft", true, true, 4, 5 },
        { "sft", false, false, 5, 3 },
        { "grpo", true, false, 4, 4 },
        { "grpo", true, false, 7, 2 },
        { "grpo", false, false, 3, 5 },
        { "dpo", true, false, 3, 4 },
        { "dpo", false, false, 4, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChunkedBackwardsEqualPlainAutograd(string objective, bool float64, bool packed, int headChunk, int queryChunk)
    {
        using var model = TinyModel.Create(objective == "dpo" ? ModelFamily.Llama : ModelFamily.Qwen3,
            float64 ? ScalarType.Float64 : ScalarType.Float32, tied: objective == "sft");
        using var reference = TinyModel.Create(ModelFamily.Qwen3, float64 ? ScalarType.Float64 : ScalarType.Float32, seed: 99);
        using var batch = Batch(objective, packed);

        var plain = Gradient(model, reference, batch, objective, new BackwardOptions { Mode = BackwardMode.Plain });
        var checkpoint = Gradient(model, reference, batch, objective, new BackwardOptions { Mode = BackwardMode.Checkpoint });
        var stream = Gradient(model, reference, batch, objective,
            new BackwardOptions { Mode = BackwardMode.StreamBP, HeadChunk = headChunk, QueryChunk = queryChunk });

        var tolerance = float64 ? 1e-10 : 1e-5;
        Assert.True(Math.Abs(plain.Loss - stream.Loss) <= tolerance * Math.Max(1, Math.Abs(plain.Loss)), $"loss {stream.Loss} vs {plain.Loss}");
        var checkpointError = TinyModel.RelativeError(checkpoint.Gradients, plain.Gradients);
        var streamError = TinyModel.RelativeError(stream.Gradients, plain.Gradients);
        Assert.True(checkpointError < tolerance, $"checkpoint relative error {checkpointError}");
        Assert.True(streamError < tolerance, $"streambp relative error {streamError}");
        Assert.True(plain.Gradients.Values.Sum(g => g.abs().sum().to(ScalarType.Float64).item<double>()) > 0);
    }

    static TokenBatch Batch(string objective, bool packed)
    {
        if (packed)
        {
            return TokenBatchBuilder.Packed([
                [TinyModel.Sequence(3, 4, 0), TinyModel.Sequence(2, 3, 1)],
                [TinyModel.Sequence(4, 6, 2)],
                [TinyModel.Sequence(1, 2, 3), TinyModel.Sequence(2, 2, 4), TinyModel.Sequence(1, 3, 5)],
            ]);
        }
        // DPO: chosen rows then rejected rows, pair by pair (same prompts).
        if (objective == "dpo")
            return TokenBatchBuilder.Padded([
                TinyModel.Sequence(3, 5, 0), TinyModel.Sequence(4, 6, 1),
                TinyModel.Sequence(3, 7, 2) with { PromptIds = TinyModel.Sequence(3, 5, 0).PromptIds },
                TinyModel.Sequence(4, 3, 3) with { PromptIds = TinyModel.Sequence(4, 6, 1).PromptIds },
            ]);
        return TokenBatchBuilder.Padded([TinyModel.Sequence(3, 8, 0), TinyModel.Sequence(5, 3, 1), TinyModel.Sequence(2, 9, 2)]);
    }

    static (double Loss, Dictionary<string, Tensor> Gradients) Gradient(CausalLanguageModel model, CausalLanguageModel reference,
        TokenBatch batch, string objective, BackwardOptions options)
    {
        TinyModel.ZeroGradients(model);
        double loss;
        switch (objective)
        {
            case "sft":
                loss = SequenceBackward.Run(model, batch, new SftObjective(batch, perDocument: true), options);
                break;
            case "grpo":
                var grpo = new GrpoOptions
                {
                    Beta = 0.05, EntropyCoefficient = 0.01, ClipEpsilonHigh = 0.28, DualClip = 3.0,
                    Aggregation = LossAggregation.SeqMeanTokenMean, ImportanceSampling = ImportanceSampling.Sais, Temperature = 0.9,
                };
                // Old log-probs from another policy, so that ratios differ from 1 and some tokens clip.
                var old = TokenScorerFor(reference, batch, grpo.Temperature);
                var advantages = TokenAdvantages.FromSequences(batch, [1.2, -0.7, 0.4]);
                loss = GrpoStep.Backward(model, reference, batch, advantages, [1, 0, 1], grpo, options, old);
                break;
            default:
                loss = DpoStep.Backward(model, DpoStep.SequenceLogProbs(reference, batch), batch, new DpoOptions { Beta = 0.5 }, options);
                break;
        }
        return (loss, TinyModel.Gradients(model));
    }

    static Tensor TokenScorerFor(CausalLanguageModel model, TokenBatch batch, double temperature) =>
        PostTrain.Modeling.Scoring.TokenScorer.Score(model, batch.Ids, batch.Layout, temperature).LogProbs;
}
