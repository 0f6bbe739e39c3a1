using PostTrain.Core.Rewards;
using PostTrain.Rewards.Wire;

namespace PostTrain.Cli.Commands;

/// <summary>Reads samples to score: one JSON object a line with prompt, completion, ground_truth and optional metadata.</summary>
internal static class RewardSamples
{
    public static IReadOnlyList<RewardInput> Read(string path) =>
        JsonLines.Read(path, "samples", "{\"prompt\", \"completion\", \"ground_truth\", \"metadata\"}", RewardJson.ReadSample);
}
