using PostTrain.Learner.Batches;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class TokenBatchTests
{
    [Fact]
    public void PackingRestartsPositionsAndMasksPromptsAndPadding()
    {
        using var batch = TokenBatchBuilder.Packed([[new TrainingSequence([5, 6], [7, 8]), new TrainingSequence([9], [10, 11])], [new TrainingSequence([1], [2])]]);

        Assert.Equal(new long[] { 0, 1, 2, 3, 0, 1, 2, 0, 1, 0, 0, 0, 0, 0 }, batch.Layout.Positions.data<long>().ToArray());
        // Targets: the next token within the same document; the loss covers completion tokens only.
        Assert.Equal(new long[] { 6, 7, 8, 0, 10, 11, 0 }, batch.Targets[0].data<long>().ToArray());
        Assert.Equal(new float[] { 0, 1, 1, 0, 1, 1, 0 }, batch.LossMask[0].data<float>().ToArray());
        Assert.Equal(new long[] { -1, 0, 0, -1, 1, 1, -1 }, batch.SequenceIndex[0].data<long>().ToArray());
        Assert.Equal(3, batch.Sequences);
    }

    [Fact]
    public void PackedDocumentsGiveTheSameLogitsAsSeparateSequences()
    {
        using var model = TinyModel.Create(ModelFamily.Qwen2);
        var first = TinyModel.Sequence(3, 3, 0);
        var second = TinyModel.Sequence(2, 4, 1);
        using var packed = TokenBatchBuilder.Packed([[first, second]]);
        using var noGrad = no_grad();

        var logits = model.Logits(model.HiddenStates(packed.Ids, packed.Layout))[0];
        using var alone = TokenBatchBuilder.Padded([second]);
        var separate = model.Logits(model.HiddenStates(alone.Ids, alone.Layout))[0];

        Assert.True((logits.narrow(0, first.Length, second.Length) - separate).abs().max().item<double>() < 1e-10);
    }
}
