using static TorchSharp.torch;

namespace PostTrain.Learner.Batches;

/// <summary>
/// Embeddings [count, hidden] for the prompt positions from <see cref="Start"/> on, in place of their tokens' (a
/// video's frames). The tensor stays its creator's; it may be shared by a group's samples, and may carry gradient
/// (a vision encoder trained with the model).
/// </summary>
public sealed record PromptEmbedding(int Start, Tensor Values)
{
    public int Count => (int)Values.shape[0];
}
