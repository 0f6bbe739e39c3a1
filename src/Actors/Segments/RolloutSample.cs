using PostTrain.Actors.Contracts;
using PostTrain.Core.Generation;

namespace PostTrain.Actors.Segments;

/// <summary>A sample in the buffer: its tokens so far, the version of each segment, and once finished its reward.</summary>
[GenerateSerializer]
public sealed class RolloutSample
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string GroupId { get; init; }
    [Id(2)] public required int Member { get; init; }
    [Id(3)] public required long Seed { get; init; }

    /// <summary>The sample's own length limit: max_response_length, or a shorter forced length.</summary>
    [Id(4)] public required int MaxNewTokens { get; init; }
    [Id(5)] public List<int> TokenIds { get; init; } = [];
    [Id(6)] public List<float> LogProbs { get; init; } = [];
    [Id(7)] public List<SegmentRecord> Segments { get; init; } = [];
    [Id(8)] public FinishReason? Finish { get; set; }
    [Id(9)] public bool Truncated { get; set; }
    [Id(10)] public RewardRecord? Reward { get; set; }

    public bool Finished => Finish is not null;
}
