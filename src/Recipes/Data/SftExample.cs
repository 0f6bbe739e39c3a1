namespace PostTrain.Recipes.Data;

/// <summary>A supervised conversation: the assistant turns are the targets.</summary>
public sealed record SftExample(string Id, IReadOnlyList<ChatMessage> Messages) : DatasetExample(Id)
{
    /// <summary><c>video</c>: a video file or a folder of frames the conversation is about, as written (relative to the data file).</summary>
    public string? Video { get; init; }
}
