using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

internal static class TokenLogProbs
{
    /// <summary>Log-softmax of the logits and the log-probability of each position's target.</summary>
    public static (Tensor All, Tensor Chosen) Of(Tensor logits, Tensor targets, long start, long length)
    {
        var all = logits.log_softmax(-1);
        var chosen = all.gather(-1, targets.narrow(1, start, length).unsqueeze(-1)).squeeze(-1);
        return (all, chosen);
    }
}
