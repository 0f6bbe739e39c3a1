namespace PostTrain.Recipes.Data;

/// <summary>An RL prompt (verl layout): what to ask, the answer a reward checks against, and free per-example data.</summary>
public sealed record RlExample(string Id, ChatContent Prompt, string? GroundTruth, IReadOnlyDictionary<string, string> Metadata)
    : DatasetExample(Id)
{
    /// <summary><c>video</c>: a video file or a folder of frames the prompt asks about, as written (relative to the data file).</summary>
    public string? Video { get; init; }
}
