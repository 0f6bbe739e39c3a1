using PostTrain.Learner.Batches;
using PostTrain.Learner.Objectives;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Runtime;
using static TorchSharp.torch;

namespace PostTrain.Learner.Backward;

/// <summary>
/// Checkpointing and StreamBP (TECHNIQUES section 3): a forward without autograd keeps each layer's input; the loss
/// head then runs on the final hidden states (whole, or in chunks of positions for StreamBP), and the layers are
/// recomputed and back-propagated one at a time from the last to the first (whole, or in query chunks).
/// </summary>
internal static class LayerwiseBackward
{
    public static double Run(CausalLanguageModel model, TokenBatch batch, ITokenObjective objective, BackwardOptions options)
    {
        var backbone = model.Backbone;
        var layers = backbone.Layers;
        var time = batch.Time;
        var mask = batch.Layout.Mask(0, time, time);
        var inputs = new Tensor[layers.Count + 1];
        Tensor cos, sin;
        using (no_grad())
        {
            inputs[0] = backbone.Embed(batch.Ids, batch.Overrides);
            (cos, sin) = model.Rotary.Angles(batch.Layout.Positions, inputs[0].dtype);
            for (var i = 0; i < layers.Count; i++) inputs[i + 1] = layers[i].Forward(inputs[i], cos, sin, mask);
        }

        NativeHeap.Trim();
        var top = inputs[^1].detach().requires_grad_(true);
        var chunk = options.Mode == BackwardMode.StreamBP ? options.HeadChunk : (int)time;
        var loss = 0.0;
        for (long start = 0; start < time; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunk, time - start);
            var hidden = backbone.Norm.forward(top.narrow(1, start, length));
            var chunkLoss = objective.ChunkLoss(model.Logits(hidden).to(SequenceBackward.LogitType(hidden)), start, length);
            chunkLoss.backward();
            loss += chunkLoss.to(ScalarType.Float64).item<double>();
        }

        var gradient = top.grad!.detach();
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var next = options.Mode == BackwardMode.StreamBP
                ? StreamLayerBackward.Run(layers[i], inputs[i], gradient, cos, sin, batch.Layout, options.QueryChunk)
                : CheckpointLayer(layers[i], inputs[i], gradient, cos, sin, mask);
            inputs[i + 1].Dispose();
            gradient.Dispose();
            gradient = next;
            NativeHeap.Trim();
        }
        // A frozen embedding (LoRA) needs no gradient; below it lie only given embeddings that may carry gradient
        // (a vision encoder trained with the model).
        if (backbone.EmbedTokens.weight!.requires_grad || batch.Overrides?.Values.requires_grad == true)
            autograd.backward([backbone.Embed(batch.Ids, batch.Overrides)], [gradient]);
        return loss;
    }

    static Tensor CheckpointLayer(DecoderLayer layer, Tensor input, Tensor outputGradient, Tensor cos, Tensor sin, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var x = input.detach().requires_grad_(true);
        var y = layer.Forward(x, cos, sin, mask);
        autograd.backward([y], [outputGradient]);
        return x.grad!.detach().MoveToOuterDisposeScope();
    }
}
