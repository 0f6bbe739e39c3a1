using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

public enum DpoLossType
{
    /// <summary>-log sigmoid(beta c) (the DPO paper).</summary>
    Sigmoid,

    /// <summary>(c - 1 / (2 beta))^2 (IPO).</summary>
    Ipo,
}

/// <summary>
/// DPO's loss per pair from c = [logp(y_w) - logp_ref(y_w)] - [logp(y_l) - logp_ref(y_l)], and its derivative
/// dL/dc, which StreamBP's second pass uses as the weight of each pair's log-probs.
/// </summary>
public static class DpoLoss
{
    public static Tensor Loss(Tensor margins, double beta, DpoLossType type) => type switch
    {
        DpoLossType.Sigmoid => -nn.functional.logsigmoid(beta * margins),
        _ => (margins - 1 / (2 * beta)).square(),
    };

    public static Tensor Gradient(Tensor margins, double beta, DpoLossType type) => type switch
    {
        DpoLossType.Sigmoid => -beta * (1 - (beta * margins).sigmoid()),
        _ => 2 * (margins - 1 / (2 * beta)),
    };
}
