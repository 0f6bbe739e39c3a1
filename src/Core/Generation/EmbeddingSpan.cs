namespace PostTrain.Core.Generation;

/// <summary>
/// Input embeddings that take the place of the token embeddings of prompt positions
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>): a video's frame tokens (MR-SP). The token ids
/// at those positions are placeholders. <see cref="Values"/> is row-major [Count, hidden] and may be shared by every
/// request of a group.
/// </summary>
public sealed record EmbeddingSpan(int Start, int Count, float[] Values)
{
    public int Hidden => Count == 0 ? 0 : Values.Length / Count;
}
