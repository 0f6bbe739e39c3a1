namespace PostTrain.Actors.Contracts;

/// <summary>
/// Decodes segments with a generation engine holding the job's newest published policy (keyed by worker index and
/// job id). Before a batch it pulls weights from the policy store if a newer version is out.
/// </summary>
public interface IRolloutWorkerGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>
    /// Decodes <paramref name="tasks"/> in order on <paramref name="batchSize"/> slots. With a <paramref name="window"/>
    /// (the segment length, when the step refills freed slots) the batch ends after that many rounds: tasks still
    /// waiting for a slot then come back with no tokens, and one that started late has only the rest of the window.
    /// </summary>
    [ResponseTimeout("00:30:00")]
    Task<DecodeBatchResult> DecodeAsync(SegmentTask[] tasks, int batchSize, int? window = null);

    /// <summary>The version this worker decodes with (-1 before its first batch).</summary>
    Task<long> PolicyVersionAsync();

    /// <summary>The silo hosting this activation, for diagnostics and tests.</summary>
    Task<string> SiloAsync();

    /// <summary>True when the worker's weights are the publisher's own tensors (same process), not a downloaded copy.</summary>
    Task<bool> SharesPublishedWeightsAsync();
}
