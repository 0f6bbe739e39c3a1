using PostTrain.Core.Generation;

namespace PostTrain.Rollout.Sampling;

/// <summary>One row of a sampling batch: the request's parameters and the index of the token being drawn.</summary>
public readonly record struct SamplingRow(SamplingParameters Parameters, long Step);
