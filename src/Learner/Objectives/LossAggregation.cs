using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>How GRPO's per-token losses become one number (TECHNIQUES section 1).</summary>
public enum LossAggregation
{
    /// <summary>Original GRPO: mean over sequences of each sequence's token mean.</summary>
    SeqMeanTokenMean,

    /// <summary>DAPO: sum over all completion tokens / their number in the batch.</summary>
    TokenMean,

    /// <summary>Dr.GRPO: sum over all tokens / (sequences x max completion length).</summary>
    SeqMeanTokenSumNorm,
}

public static class LossAggregations
{
    /// <summary>
    /// Per-token weights [batch, time] such that the loss is sum(weights x token losses). One sequence per row;
    /// <paramref name="mask"/> marks completion tokens. The normaliser is always the full sequences', so the loss
    /// splits exactly over chunks of positions.
    /// </summary>
    public static Tensor Weights(this LossAggregation aggregation, Tensor mask, int? maxCompletionLength = null)
    {
        // Rows with no learned token (padding rows, masked samples) are not sequences of the mean.
        var sequences = Math.Max(1L, mask.sum(1).gt(0).sum().item<long>());
        return aggregation switch
        {
            LossAggregation.SeqMeanTokenMean => mask / (mask.sum(1, keepdim: true).clamp_min(1) * sequences),
            LossAggregation.TokenMean => mask / mask.sum().clamp_min(1),
            _ => mask / (sequences * (double)Math.Max(1, maxCompletionLength ?? (int)mask.sum(1).max().item<float>())),
        };
    }
}
