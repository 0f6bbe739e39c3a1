using PostTrain.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// A reward model: the decoder with a scalar head on the last real token of each sequence, laid out as Hugging Face's
/// <c>*ForSequenceClassification</c> with one label (<c>model.*</c> and <c>score.weight</c> [1, hidden]).
/// </summary>
public sealed class RewardModel : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "model")] readonly DecoderBackbone _model;
    [ComponentName(Name = "score")] readonly Projection _score;

    public RewardModel(DecoderConfig config, ModelPlacement placement) : base(nameof(RewardModel))
    {
        Config = config with { TorchDtype = TorchDTypeNames.NameOf(placement.DType) };
        Placement = placement;
        _model = new DecoderBackbone(config, placement);
        _score = new Projection(config.HiddenSize, 1, bias: false, placement);
        RegisterComponents();
    }

    public DecoderConfig Config { get; }
    public ModelPlacement Placement { get; }
    public DecoderBackbone Backbone => _model;
    public Projection Score => _score;

    /// <summary>Scores [batch] of unpadded sequences [batch, time].</summary>
    public override Tensor forward(Tensor inputIds) =>
        Forward(inputIds, AttentionLayout.Causal(inputIds.shape[0], inputIds.shape[1], inputIds.device));

    /// <summary>Scores [batch]: the head applied to the hidden state of each row's last non-padding token.</summary>
    public Tensor Forward(Tensor inputIds, AttentionLayout layout)
    {
        using var scope = NewDisposeScope();
        var hidden = _model.Forward(inputIds, layout);
        var time = inputIds.shape[1];
        var last = layout.Documents is null
            ? full(inputIds.shape[0], time - 1, ScalarType.Int64, inputIds.device)
            : (arange(time, device: inputIds.device).unsqueeze(0) * layout.Documents.ne(0)).amax([1]);
        var lastHidden = hidden.gather(1, last.view(-1, 1, 1).expand(-1, 1, hidden.shape[2])).squeeze(1);
        return _score.forward(lastHidden).squeeze(-1).MoveToOuterDisposeScope();
    }
}
