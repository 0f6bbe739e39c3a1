using static TorchSharp.torch;

namespace PostTrain.Learner.Objectives;

/// <summary>
/// What verl logs of a GRPO update, accumulated over its chunks and micro-batches: the policy's mean token entropy,
/// the fraction of tokens whose ratio was clipped, and the mean KL to the reference or, without one, to the
/// generating policy (k3 on the recorded log-probs; 0 under POIS). Means are over learned completion tokens.
/// </summary>
public sealed class GrpoStatistics
{
    double _tokens, _entropy, _clipped, _kl;

    public double Entropy => _tokens == 0 ? 0 : _entropy / _tokens;
    public double ClipFraction => _tokens == 0 ? 0 : _clipped / _tokens;
    public double Kl => _tokens == 0 ? 0 : _kl / _tokens;
    public double Tokens => _tokens;

    internal void Add(Tensor mask, Tensor allLogProbs, Tensor logProbs, Tensor oldLogProbs, Tensor advantages,
        Tensor? referenceLogProbs, GrpoOptions options)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var m = mask.to(ScalarType.Float64);
        var entropy = -(allLogProbs.exp() * allLogProbs).sum(-1).to(ScalarType.Float64);
        var ratio = (logProbs - oldLogProbs.to(logProbs.dtype)).exp();
        var clipped = (ratio.lt(1 - options.ClipEpsilonLow) & advantages.lt(0)) | (ratio.gt(1 + options.ClipEpsilonHigh) & advantages.gt(0));
        var kl = KlEstimator.K3.Compute(logProbs, (referenceLogProbs ?? oldLogProbs).to(logProbs.dtype));
        _tokens += m.sum().item<double>();
        _entropy += (entropy * m).sum().item<double>();
        _clipped += (clipped.to(ScalarType.Float64) * m).sum().item<double>();
        _kl += (kl.to(ScalarType.Float64) * m).sum().item<double>();
    }
}
