using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

/// <summary>
/// Prompt embeddings given in place of tokens' (a video's frames): the chunked backwards give plain autograd's
/// gradient, also for the given embeddings themselves (a vision encoder trained with the model), and a packed batch
/// puts them where a padded one does.
/// </summary>
public sealed class PromptEmbeddingGradientTests
{
    const int Placeholder = 96;

    static TrainingSequence WithVideo(TrainingSequence sequence, int start, Tensor values)
    {
        var prompt = sequence.PromptIds.ToArray();
        for (var i = 0; i < values.shape[0]; i++) prompt[start + i] = Placeholder;
        return sequence with { PromptIds = prompt, PromptEmbeddings = [PromptEmbedding.Of(start, values)] };
    }

    static Tensor Leaf(int count, long seed)
    {
        var generator = new Generator((ulong)seed);
        return (randn([count, 64], ScalarType.Float64, generator: generator) * 0.5).requires_grad_(true);
    }

    [Theory]
    [InlineData(BackwardMode.Checkpoint)]
    [InlineData(BackwardMode.StreamBP)]
    public void ChunkedBackwardsEqualPlainAutogradForModelAndEmbeddings(BackwardMode mode)
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        var (first, second) = (Leaf(3, 1), Leaf(2, 2));
        var sequences = new[]
        {
            WithVideo(TinyModel.Sequence(6, 5, 0), 1, first),
            TinyModel.Sequence(4, 7, 1),
            WithVideo(TinyModel.Sequence(5, 4, 2), 2, second),
        };

        var (plainLoss, plainModel, plainEmbeddings) = Gradients(model, sequences, new BackwardOptions { Mode = BackwardMode.Plain }, first, second);
        var (loss, chunkedModel, chunkedEmbeddings) = Gradients(model, sequences,
            new BackwardOptions { Mode = mode, HeadChunk = 3, QueryChunk = 4 }, first, second);

        Assert.True(Math.Abs(plainLoss - loss) < 1e-10, $"loss {loss} vs {plainLoss}");
        Assert.True(TinyModel.RelativeError(chunkedModel, plainModel) < 1e-10);
        for (var i = 0; i < 2; i++)
        {
            var error = (chunkedEmbeddings[i] - plainEmbeddings[i]).abs().max().item<double>();
            Assert.True(error < 1e-10, $"embedding {i} gradient differs by {error}");
            Assert.True(plainEmbeddings[i].abs().sum().item<double>() > 0);
        }
        // The placeholder token is never looked up, so its embedding row learns nothing.
        Assert.Equal(0.0, plainModel["model.embed_tokens.weight"][Placeholder].abs().sum().item<double>());
    }

    [Fact]
    public void APackedBatchPutsTheEmbeddingsWhereAPaddedOneDoes()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        var values = Leaf(3, 5);
        var video = WithVideo(TinyModel.Sequence(5, 4, 3), 1, values);
        var other = TinyModel.Sequence(4, 6, 4);

        using var padded = TokenBatchBuilder.Padded([other, video]);
        using var packed = TokenBatchBuilder.Packed([[other, video]]);
        using var noGrad = no_grad();
        var paddedLoss = Loss(model, padded, padded.Overrides);
        var packedLoss = Loss(model, packed, packed.Overrides);
        var withoutVideo = Loss(model, packed, null);

        Assert.True(Math.Abs(paddedLoss - packedLoss) < 1e-10, $"packed {packedLoss} vs padded {paddedLoss}");
        Assert.True(Math.Abs(packedLoss - withoutVideo) > 1e-6);
    }

    static double Loss(CausalLanguageModel model, TokenBatch batch, EmbeddingOverrides? overrides) =>
        new SftObjective(batch, perDocument: true)
            .ChunkLoss(model.Logits(model.HiddenStates(batch.Ids, batch.Layout, overrides: overrides)), 0, batch.Time).item<double>();

    static (double Loss, Dictionary<string, Tensor> Model, Tensor[] Embeddings) Gradients(CausalLanguageModel model,
        IReadOnlyList<TrainingSequence> sequences, BackwardOptions options, params Tensor[] embeddings)
    {
        TinyModel.ZeroGradients(model);
        foreach (var embedding in embeddings) embedding.grad = null;
        using var batch = TokenBatchBuilder.Padded(sequences);
        var loss = SequenceBackward.Run(model, batch, new SftObjective(batch, perDocument: true), options);
        return (loss, TinyModel.Gradients(model), embeddings.Select(e => e.grad!.clone()).ToArray());
    }
}
