using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Tasks;

/// <summary>
/// One generated problem: the user's prompt, the answer a verifier checks against, a worked solution for SFT
/// warm-up, and metadata rewards read (for example a length target).
/// </summary>
public sealed record TaskProblem(string Id, string Prompt, string GroundTruth, string Solution)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>A worse answer than <see cref="Solution"/>, for preference pairs; null when the task makes none.</summary>
    public string? Rejected { get; init; }

    /// <summary>The video the prompt asks about (its frame tokens go where the prompt holds the video marker); null for text tasks.</summary>
    public VideoClip? Video { get; init; }
}
