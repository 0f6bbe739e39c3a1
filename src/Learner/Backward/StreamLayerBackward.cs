using PostTrain.Modeling.Architecture;
using static TorchSharp.torch;

namespace PostTrain.Learner.Backward;

/// <summary>
/// StreamBP's backward of one decoder layer, exact and chunked along the sequence: keys and values are computed once
/// for the whole sequence and detached as leaves that collect gradient; each query chunk [s, e) is recomputed
/// (norm, queries, attention to keys [0, e) with the causal mask offset to s, output projection, MLP) and
/// back-propagated with its slice of the output gradient; finally the accumulated key/value gradients flow back
/// through the key/value projections. Returns the gradient with respect to the layer's input.
/// </summary>
internal static class StreamLayerBackward
{
    public static Tensor Run(DecoderLayer layer, Tensor input, Tensor outputGradient, Tensor cos, Tensor sin,
        AttentionLayout layout, int queryChunk)
    {
        // Everything of this layer (its leaf input, normed input, keys and values and their gradients) is freed on
        // return; only the input gradient leaves, otherwise each layer would leave O(length) tensors behind.
        using var layerScope = NewDisposeScope();
        var attention = layer.SelfAttention;
        var time = input.shape[1];
        var x = input.detach().requires_grad_(true);
        var normed = layer.InputNorm.forward(x);
        var keys = attention.Keys(normed, cos, sin);
        var values = attention.Values(normed);
        var keyLeaf = keys.detach().requires_grad_(true);
        var valueLeaf = values.detach().requires_grad_(true);

        for (long start = 0; start < time; start += queryChunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(queryChunk, time - start);
            var end = start + length;
            var chunk = x.narrow(1, start, length);
            var queries = attention.Queries(layer.InputNorm.forward(chunk), cos.narrow(1, start, length), sin.narrow(1, start, length));
            var attended = attention.Attend(queries, keyLeaf.narrow(2, 0, end), valueLeaf.narrow(2, 0, end),
                layout.Mask(start, length, end));
            var output = layer.FeedForward(chunk + attended);
            autograd.backward([output], [outputGradient.narrow(1, start, length)]);
        }
        autograd.backward([keys, values], [keyLeaf.grad!, valueLeaf.grad!]);
        return x.grad!.detach().MoveToOuterDisposeScope();
    }
}
