using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// sum(weights x log p(target)): the second pass of StreamBP's DPO, where the weights carry dL/dc of each pair
/// (positive on chosen tokens, negative on rejected ones), computed in a first pass without gradients.
/// </summary>
public sealed class LogProbWeightedObjective(Tensor targets, Tensor weights) : ITokenObjective
{
    public Tensor ChunkLoss(Tensor logits, long start, long length)
    {
        var (_, chosen) = TokenLogProbs.Of(logits, targets, start, length);
        return (chosen * weights.narrow(1, start, length).to(chosen.dtype)).sum();
    }
}
