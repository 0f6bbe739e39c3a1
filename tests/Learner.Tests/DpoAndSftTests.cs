using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Configuration;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class DpoAndSftTests
{
    [Theory]
    [InlineData(0.7, 0.1)]
    [InlineData(-2.0, 0.5)]
    public void DpoAndIpoMatchTheirClosedForms(double margin, double beta)
    {
        var c = tensor(margin);
        Assert.Equal(Math.Log(1 + Math.Exp(-beta * margin)), DpoLoss.Loss(c, beta, DpoLossType.Sigmoid).item<double>(), 12);
        Assert.Equal(-beta / (1 + Math.Exp(beta * margin)), DpoLoss.Gradient(c, beta, DpoLossType.Sigmoid).item<double>(), 12);
        Assert.Equal(Math.Pow(margin - 1 / (2 * beta), 2), DpoLoss.Loss(c, beta, DpoLossType.Ipo).item<double>(), 12);
        Assert.Equal(2 * (margin - 1 / (2 * beta)), DpoLoss.Gradient(c, beta, DpoLossType.Ipo).item<double>(), 12);
    }

    [Theory]
    [InlineData(DpoLossType.Sigmoid)]
    [InlineData(DpoLossType.Ipo)]
    public void DpoLossEqualsTheFormulaOnIndependentLogProbs(DpoLossType type)
    {
        using var policy = TinyModel.Create(ModelFamily.Qwen2);
        using var reference = TinyModel.Create(ModelFamily.Qwen2, seed: 5);
        var chosen = TinyModel.Sequence(3, 4, 0);
        var rejected = TinyModel.Sequence(3, 6, 1) with { PromptIds = chosen.PromptIds };
        using var batch = TokenBatchBuilder.Padded([chosen, rejected]);
        var options = new DpoOptions { Beta = 0.3, LossType = type };

        var loss = DpoStep.Backward(policy, DpoStep.SequenceLogProbs(reference, batch), batch, options, new BackwardOptions());

        var margin = (SumLogProb(policy, chosen) - SumLogProb(reference, chosen)) - (SumLogProb(policy, rejected) - SumLogProb(reference, rejected));
        var expected = type == DpoLossType.Sigmoid ? Math.Log(1 + Math.Exp(-0.3 * margin)) : Math.Pow(margin - 1 / 0.6, 2);
        Assert.Equal(expected, loss, 10);
    }

    [Fact]
    public void SftLossIsTheMeanCrossEntropyOfCompletionTokens()
    {
        using var model = TinyModel.Create(ModelFamily.Llama);
        var sequences = new[] { TinyModel.Sequence(3, 4, 0), TinyModel.Sequence(2, 2, 1) };
        using var batch = TokenBatchBuilder.Padded(sequences);

        var loss = SequenceBackward.Run(model, batch, new SftObjective(batch), new BackwardOptions());
        var perDocument = SequenceBackward.Run(model, batch, new SftObjective(batch, perDocument: true), new BackwardOptions());

        var tokenLosses = sequences.Select(s => CompletionLogProbs(model, s).Select(lp => -lp).ToArray()).ToArray();
        Assert.Equal(tokenLosses.SelectMany(t => t).Average(), loss, 10);
        Assert.Equal(tokenLosses.Average(t => t.Average()), perDocument, 10);
    }

    static double SumLogProb(PostTrain.Modeling.Architecture.CausalLanguageModel model, TrainingSequence sequence) =>
        CompletionLogProbs(model, sequence).Sum();

    // An independent computation: one unbatched forward, log-softmax at each completion token's predecessor.
    static double[] CompletionLogProbs(PostTrain.Modeling.Architecture.CausalLanguageModel model, TrainingSequence sequence)
    {
        using var noGrad = no_grad();
        var ids = sequence.PromptIds.Concat(sequence.CompletionIds).Select(i => (long)i).ToArray();
        var logp = model.forward(tensor(ids).unsqueeze(0))[0].log_softmax(-1);
        return Enumerable.Range(sequence.PromptIds.Count, sequence.CompletionIds.Count)
            .Select(t => logp[t - 1, ids[t]].to(ScalarType.Float64).item<double>()).ToArray();
    }
}
