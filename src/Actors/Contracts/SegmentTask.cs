namespace PostTrain.Actors.Contracts;

/// <summary>
/// One segment of one sample to decode: continue after <see cref="PrefixIds"/> for at most <see cref="Budget"/>
/// tokens. <see cref="SegmentIndex"/> is how many segments the sample already has, so a result can be applied once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SegmentTask
{
    [Id(0)] public required string SampleId { get; init; }
    [Id(1)] public required int SegmentIndex { get; init; }
    [Id(2)] public required int[] PromptIds { get; init; }
    [Id(3)] public required int[] PrefixIds { get; init; }
    [Id(4)] public required int Budget { get; init; }
    [Id(5)] public required int MaxNewTokens { get; init; }
    [Id(6)] public required long Seed { get; init; }
    [Id(7)] public required SamplingSpec Sampling { get; init; }
    [Id(8)] public VideoInput? Video { get; init; }
}
