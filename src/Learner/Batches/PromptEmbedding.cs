using static TorchSharp.torch;

namespace PostTrain.Learner.Batches;

/// <summary>
/// Embeddings [<see cref="Count"/>, hidden] for the prompt positions from <see cref="Start"/> on, in place of their
/// tokens' (a video's frames). <see cref="Values"/> is called when a batch is built: it may hand out one cached tensor
/// to a whole group (MR-SP), or run a vision encoder whose gradient the update then computes (an SFT warm-up). The
/// tensor stays its creator's.
/// </summary>
public sealed record PromptEmbedding(int Start, int Count, Func<Tensor> Values)
{
    public static PromptEmbedding Of(int start, Tensor values) => new(start, (int)values.shape[0], () => values);
}
